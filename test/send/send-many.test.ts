import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import { capture, captureJson, makeDir, readFailedLines } from './fixtures.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

function files(count: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= count; i += 1) out[`in/${String(i).padStart(3, '0')}.json`] = `{"n":${i}}`;
  return out;
}
const bodies = () => (target?.requests ?? []).map((request) => request.body.toString('utf8'));

describe('send: many payloads', () => {
  test('concurrency 1 keeps the order, even when the target answers at different speeds', async () => {
    target = await startHttpTarget((_request, index) => ({ status: 200, delayMs: index % 2 === 0 ? 15 : 0 }));
    const dir = await makeDir(files(8));
    const result = await runCli(['send', 'in', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `{"n":${n}}`));
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(2, 8)),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `in/00${n}`));
  });

  test('--concurrency 4 has 4 requests in flight at once and reports every payload', async () => {
    let open = 0;
    let peak = 0;
    const server = await startHttpTarget();
    target = server;
    // Count concurrent requests: hold each until 4 are in, so the test fails (times out) below 4.
    const waiting: Array<() => void> = [];
    server.server.removeAllListeners('request');
    server.server.on('request', (req, res) => {
      open += 1;
      peak = Math.max(peak, open);
      req.resume();
      const finish = () => {
        open -= 1;
        res.end('ok');
      };
      waiting.push(finish);
      if (waiting.length >= 4 || peak >= 4) while (waiting.length) waiting.shift()?.();
    });
    const dir = await makeDir(files(12));
    const result = await runCli(['send', 'in', '--to', server.url, '--concurrency', '4', '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(peak).toBe(4);
    const inputs = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).input)
      .sort();
    expect(inputs).toEqual(Object.keys(files(12)));
  });

  test('--rate spaces the starts (instant with the manual clock)', async () => {
    target = await startHttpTarget();
    const dir = await makeDir(files(5));
    const clock = new ManualClock();
    const result = await runCli(['send', 'in', '--to', target.url, '--rate', '10/s'], { cwd: dir, clock });
    expect(result.code).toBe(0);
    expect(clock.sleeps).toEqual([100, 100, 100, 100]);
    const perMinute = new ManualClock();
    await runCli(['send', 'in', '--to', target.url, '--rate', '120/m'], { cwd: dir, clock: perMinute });
    expect(perMinute.sleeps).toEqual([500, 500, 500, 500]);
  });

  test('--fail-fast: no new payload after the first final failure; the rest are listed in --failed', async () => {
    target = await startHttpTarget([{ status: 200 }, { status: 400 }, { status: 200 }]);
    const dir = await makeDir(files(5));
    const result = await runCli(
      ['send', 'in', '--to', target.url, '--fail-fast', '--failed', 'failed.jsonl'],
      {
        cwd: dir,
        clock: new ManualClock(),
      },
    );
    expect(result.code).toBe(1);
    expect(bodies()).toEqual(['{"n":1}', '{"n":2}']);
    expect(result.stdout).toBe(
      [
        '✔ in/001.json → 200 OK  0ms  (attempt 1/6)',
        '✘ in/002.json → 400 Bad Request after 1 attempt  (not retried)',
        '– in/003.json → not sent (stopped by --fail-fast)',
        '– in/004.json → not sent (stopped by --fail-fast)',
        '– in/005.json → not sent (stopped by --fail-fast)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('delivered 1 of 5, failed 1, not sent 3');
    expect(result.stderr).toContain('stopped after the first failure (--fail-fast)');
    const lines = await readFailedLines(join(dir, 'failed.jsonl'));
    const captures = lines.map((line, index) => parseCapture(line, `failed.jsonl:${index + 1}`));
    expect(captures.map((c) => c.body.toString())).toEqual(['{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
    expect(captures[0]).toMatchObject({
      method: 'POST',
      path: '/',
      headers: [['Content-Type', 'application/json']],
      meta: { notDelivered: { input: 'in/002.json', reason: '400 Bad Request' } },
    });
    expect(((await stat(join(dir, 'failed.jsonl'))).mode & 0o777).toString(8)).toBe('600');

    // Sending the --failed file again sends exactly those.
    await target.close();
    target = await startHttpTarget();
    const again = await runCli(['send', 'failed.jsonl', '--to', target.url, '--failed', 'failed.jsonl'], {
      cwd: dir,
    });
    expect(again.code).toBe(0);
    expect(bodies()).toEqual(['{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
    expect(await readFile(join(dir, 'failed.jsonl'), 'utf8')).toBe('');
    expect(again.stderr).toContain('every input was delivered; failed.jsonl is empty');
  });

  test('a capture in --failed keeps its id, path, headers and body', async () => {
    target = await startHttpTarget([{ status: 500 }]);
    const saved = capture({
      id: 'cap_9',
      path: '/gh',
      headers: [['X-GitHub-Event', 'push']],
      meta: { note: 1 },
    });
    const dir = await makeDir({ 'c.json': captureJson(saved) });
    const result = await runCli(
      ['send', 'c.json', '--to', target.url, '--retries', '1', '--failed', 'out/../f.jsonl'],
      {
        cwd: dir,
        clock: new ManualClock(),
      },
    );
    expect(result.code).toBe(1);
    const [line] = await readFailedLines(join(dir, 'f.jsonl'));
    expect(parseCapture(line ?? '', 'f')).toEqual({
      ...saved,
      meta: { note: 1, notDelivered: { input: 'c.json', reason: '500 Internal Server Error' } },
    });
  });
});

describe('send: output', () => {
  test('--json: one object per payload on stdout, the summary on stderr', async () => {
    target = await startHttpTarget([{ status: 503, headers: { 'retry-after': '2' } }, { status: 200 }]);
    const dir = await makeDir({ 'p.json': '{}' });
    const result = await runCli(['send', 'p.json', 'nope.json', '--to', `${target.url}/x`, '--json'], {
      cwd: dir,
      clock: new ManualClock(),
    });
    expect(result.code).toBe(1);
    const [first, second] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first).toEqual({
      input: 'p.json',
      ok: true,
      outcome: 'delivered',
      status: 200,
      statusText: 'OK',
      error: null,
      attempts: [
        { status: 503, error: null, ms: 0, delayMs: 0, retryAfterMs: 2000 },
        { status: 200, error: null, ms: 0, delayMs: 2000 },
      ],
      ms: 2000,
      url: `${target.url}/x`,
      stoppedBy: 'delivered',
    });
    expect(second).toEqual({
      input: 'nope.json',
      ok: false,
      outcome: 'bad-input',
      status: null,
      statusText: null,
      error: 'no such file or directory',
      attempts: [],
      ms: 0,
    });
    expect(result.stderr).toMatch(/^delivered 1 of 2, bad inputs 1/);
  });

  test('--dry-run prints each request and sends nothing; --curl prints curl commands', async () => {
    target = await startHttpTarget();
    const saved = capture({ method: 'PUT', path: '/gh', headers: [['X-GitHub-Event', 'ping']] });
    const dir = await makeDir({ 'a.json': '{"a":1}', 'b.json': captureJson(saved) });
    const dry = await runCli(
      ['send', 'a.json', 'b.json', '--to', `${target.url}/in`, '--dry-run', '-H', 'X-Env: t'],
      {
        cwd: dir,
      },
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      [
        `POST ${target.url}/in  (a.json)`,
        '  Content-Type: application/json',
        '  X-Env: t',
        '  body: 7 B',
        `PUT ${target.url}/in/gh  (b.json)`,
        '  X-GitHub-Event: ping',
        '  X-Env: t',
        '  body: 17 B',
        '',
      ].join('\n'),
    );
    expect(dry.stderr).toBe('dry run: 2 requests not sent\n');
    const curl = await runCli(
      ['send', 'a.json', 'b.json', '--to', `${target.url}/in`, '--dry-run', '--curl'],
      { cwd: dir },
    );
    expect(curl.stdout).toBe(
      [
        `curl -X 'POST' '${target.url}/in' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data-binary '@a.json'`,
        `curl -X 'PUT' '${target.url}/in/gh' \\`,
        `  -H 'X-GitHub-Event: ping' \\`,
        `  --data-raw '{"hello":"world"}'`,
        '',
      ].join('\n'),
    );
    expect(target.requests).toHaveLength(0);
  });

  test('--dry-run reports bad inputs and exits 1', async () => {
    const dir = await makeDir({ 'a.json': '{}' });
    const result = await runCli(['send', 'a.json', 'gone.json', '--to', 'http://127.0.0.1:9/', '--dry-run'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✘ gone.json → bad input: no such file or directory\n');
    expect(result.stderr).toBe('dry run: 1 request not sent, 1 bad input\n');
  });

  test('escapes control characters from inputs and responses', async () => {
    target = await startHttpTarget([{ status: 500, body: '\u001b[31mred\u0007' }]);
    const dir = await makeDir({ 'evil\u001b[2J.json': '{}' });
    const result = await runCli(['send', '.', '--to', target.url, '--retries', '0', '--verbose'], {
      cwd: dir,
      clock: new ManualClock(),
    });
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('✘ evil\\e[2J.json → 500 Internal Server Error');
    expect(result.stdout).toContain('"\\\\e[31mred\\\\x07"');
  });
});

describe('send: a progress line only on a terminal', () => {
  test('on a TTY with more than a handful of payloads, redrawn in place on stderr', async () => {
    target = await startHttpTarget();
    const dir = await makeDir(files(8));
    const result = await runCli(['send', 'in', '--to', target.url, '--json'], { cwd: dir, tty: true });
    expect(result.code).toBe(0);
    // Cleared before each report line on the same terminal, redrawn after it, cleared for the summary.
    expect(result.stderr.match(/\r\u001b\[K\d\/(8|…) {2}/g)?.length).toBeGreaterThanOrEqual(2);
    expect(result.stderr).toMatch(
      /\r\u001b\[K8\/(8|…) {2}✔ 8 {2}✘ 0 {2}[^\r]*\r\u001b\[K\u001b\[32mdelivered 8\u001b\[39m of 8/,
    );
  });

  test('none when not a TTY, and none for a handful of payloads', async () => {
    target = await startHttpTarget();
    const dir = await makeDir(files(8));
    const piped = await runCli(['send', 'in', '--to', target.url], { cwd: dir });
    expect(piped.stderr).not.toContain('\r');
    const few = await makeDir(files(3));
    const tty = await runCli(['send', 'in', '--to', target.url], { cwd: few, tty: true });
    expect(tty.stderr).not.toContain('\r');
  });
});
