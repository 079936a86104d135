import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTestDeps, ManualClock } from '../helpers/test-deps.js';
import { send, sendJson, startListen } from './listen-helpers.js';

describe('listen: answers', () => {
  it('plays a --respond script in order, the last status repeating', async () => {
    const listener = await startListen(['--respond', '500,503,200', '--max-events', '5', '-q']);
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await send(listener.url, { method: 'POST', body: `{"n":${i}}` })).status);
    expect(statuses).toEqual([500, 503, 200, 200, 200]);
    const result = await listener.done;
    expect(result.stdout.match(/→ \d+/g)).toEqual(['→ 500', '→ 503', '→ 200', '→ 200', '→ 200']);
    expect(result.stderr).toContain('answering  500, 503, 200 (then 200)');
    // Answering with a scripted failure is not a failed check.
    expect(result.code).toBe(0);
  });

  it('answers with --status, --response-body @file and --response-header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-response-'));
    await writeFile(join(dir, 'reply.json'), '{"received":true}');
    const listener = await startListen(
      [
        '--status',
        '202',
        '--response-body',
        '@reply.json',
        '--response-header',
        'Content-Type: application/json',
        '--response-header',
        'X-Request-Seen: 1',
        '--max-events',
        '1',
      ],
      { cwd: dir },
    );
    const answer = await send(listener.url, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(202);
    expect(answer.body.toString()).toBe('{"received":true}');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-request-seen']).toBe('1');
    expect((await listener.done).code).toBe(0);
  });

  it('waits --delay before answering (on the injected clock)', async () => {
    const clock = new ManualClock();
    const deps = createTestDeps({ clock });
    const listener = await startListen(
      ['--delay', '1.5s', '--response-body', 'later', '--max-events', '1'],
      deps,
    );
    const answer = await send(listener.url, { method: 'POST', body: '{}' });
    expect(answer.body.toString()).toBe('later');
    await listener.done;
    expect(clock.sleeps).toContain(1500);
    expect(deps.stderr.text()).toContain('answering  200, body 5 B, after 1.5s');
  });

  it('answers Slack url_verification and a hub.challenge GET with the challenge', async () => {
    const listener = await startListen(['--max-events', '2', '--status', '500']);
    const slack = await sendJson(listener.url, {
      token: 't',
      challenge: 'slack-chal-123',
      type: 'url_verification',
    });
    expect([slack.status, slack.body.toString()]).toEqual([200, 'slack-chal-123']);
    const meta = await send(
      `${listener.url}/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=x`,
    );
    expect([meta.status, meta.body.toString()]).toEqual([200, '1158201444']);
    const result = await listener.done;
    expect(result.stdout).toMatch(/POST \/ {2}url_verification .*⇄ slack url_verification {2}→ 200/);
    expect(result.stdout).toMatch(/GET \/meta\?hub\.mode=subscribe.* {2}⇄ meta hub\.challenge {2}→ 200/);
    expect(result.stderr).toContain('handshakes 2 answered');
  });

  it('refuses bad response flags with the message a user sees (exit 2)', async () => {
    const cases: Array<[string[], string]> = [
      [['--respond', '500,abc'], "webhook-cli: --respond: 'abc' is not a whole number from 100 to 599"],
      [['--status', '99'], "webhook-cli: --status: '99' is not a whole number from 100 to 599"],
      [
        ['--status', '200', '--respond', '500,200'],
        'webhook-cli: --status and --respond cannot be used together (use --respond 500,200 for a sequence, or --status 500 for one status)',
      ],
      [
        ['--response-header', 'nocolon'],
        "webhook-cli: --response-header: 'nocolon' is not a header (write it as 'Name: value')",
      ],
      [
        ['--delay', '5'],
        "webhook-cli: --delay: '5' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)",
      ],
      [
        ['--reject-invalid'],
        'webhook-cli: --reject-invalid needs --verify or --schema (it answers 401 to failed signatures and 422 to invalid payloads)',
      ],
      [
        ['--response-body', '@missing.json'],
        'webhook-cli: --response-body: missing.json: cannot read: no such file or directory (write --response-body @path/to/file, or the text itself)',
      ],
      [
        ['--response-body', '@/dev/zero'],
        'webhook-cli: --response-body: /dev/zero: not a regular file (write --response-body @path/to/file, or the text itself)',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['listen', '-p', '0', ...args]);
      expect(result.stderr).toBe(`${message}\n`);
      expect(result.code).toBe(2);
    }
  });
});
