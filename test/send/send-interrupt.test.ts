import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { makeDir, readFailedLines } from './fixtures.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const files = () => ({
  'in/1.json': '{"n":1}',
  'in/2.json': '{"n":2}',
  'in/3.json': '{"n":3}',
  'in/4.jsonl': '{"n":4}\n{"n":5}\n',
});

async function failedBodies(dir: string): Promise<string[]> {
  return (await readFailedLines(join(dir, 'failed.jsonl'))).map((line) =>
    parseCapture(line, 'failed.jsonl').body.toString('utf8'),
  );
}

describe('send: Ctrl-C mid-batch', () => {
  test('the first stops new payloads and lets the in-flight one finish; every input is accounted for', async () => {
    // The answer comes from the server's own timer, after the test has sent SIGINT.
    target = await startHttpTarget([{ status: 200, delayMs: 150 }]);
    const dir = await makeDir(files());
    const deps = createTestDeps({ cwd: dir });
    const run = runCli(['send', 'in', '--to', target.url, '--failed', 'failed.jsonl'], deps);
    await target.waitForRequests(1);
    deps.signals.emit('SIGINT');
    const result = await run;
    expect(result.code).toBe(1);
    expect(target.requests).toHaveLength(1);
    expect(result.stdout.replace(/\d+ms/, 'Nms')).toBe(
      [
        '✔ in/1.json → 200 OK  Nms  (attempt 1/6)',
        '– in/2.json → not sent (stopped by Ctrl-C)',
        '– in/3.json → not sent (stopped by Ctrl-C)',
        '– in/4.jsonl:1 → not sent (stopped by Ctrl-C)',
        '– in/4.jsonl:2 → not sent (stopped by Ctrl-C)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain(
      'stopping: no new payloads; waiting for 1 in flight (Ctrl-C again to abort it)\n',
    );
    expect(result.stderr).toContain('delivered 1 of 5, not sent 4');
    expect(result.stderr).toContain('stopped by Ctrl-C');
    expect(await failedBodies(dir)).toEqual(['{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
    expect(deps.signals.listenerCount('SIGINT')).toBe(0);
  });

  test('the second aborts the in-flight requests; they are listed too', async () => {
    target = await startHttpTarget([{ hang: true }]);
    const dir = await makeDir(files());
    const deps = createTestDeps({ cwd: dir });
    const run = runCli(
      ['send', 'in', '--to', target.url, '--concurrency', '2', '--failed', 'failed.jsonl'],
      deps,
    );
    await target.waitForRequests(2);
    deps.signals.emit('SIGINT');
    await deps.stderr.waitFor('Ctrl-C again');
    deps.signals.emit('SIGINT');
    const result = await run;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('aborting 2 in-flight requests\n');
    const lines = result.stdout.trim().split('\n').sort();
    expect(lines).toEqual([
      '– in/3.json → not sent (stopped by Ctrl-C)',
      '– in/4.jsonl:1 → not sent (stopped by Ctrl-C)',
      '– in/4.jsonl:2 → not sent (stopped by Ctrl-C)',
      '✘ in/1.json → aborted after 1 attempt  (interrupted)',
      '✘ in/2.json → aborted after 1 attempt  (interrupted)',
    ]);
    expect((await failedBodies(dir)).sort()).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
  });

  test('SIGTERM behaves like Ctrl-C', async () => {
    target = await startHttpTarget([{ status: 200, delayMs: 100 }]);
    const dir = await makeDir(files());
    const deps = createTestDeps({ cwd: dir });
    const run = runCli(['send', 'in', '--to', target.url, '--json'], deps);
    await target.waitForRequests(1);
    deps.signals.emit('SIGTERM');
    const result = await run;
    const outcomes = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).outcome);
    expect(outcomes).toEqual(['delivered', 'not-sent', 'not-sent', 'not-sent', 'not-sent']);
  });
});
