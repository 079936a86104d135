import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type HttpTarget, type Script, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import { makeDir } from './fixtures.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Sends one payload to a scripted target with a manual clock (instant backoff) and random() = 0.5. */
async function sendOnce(script: Script, extra: string[] = []) {
  target = await startHttpTarget(script);
  const dir = await makeDir({ 'p.json': '{"n":1}' });
  const clock = new ManualClock();
  const result = await runCli(['send', 'p.json', '--to', `${target.url}/in`, ...extra], { cwd: dir, clock });
  return { ...result, clock, requests: target.requests };
}

describe('send: what is retried', () => {
  test.each([408, 425, 429, 500, 502, 503, 504])('%i is retried', async (status) => {
    const { code, requests, stdout, clock } = await sendOnce([{ status }, { status: 200 }]);
    expect(code).toBe(0);
    expect(requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([750]);
    expect(stdout).toMatch(/^✔ p\.json → 200 OK {2}0ms {2}\(attempt 2\/6\)\n$/);
  });

  test.each([
    [400, '400 Bad Request after 1 attempt  (not retried)'],
    [401, '401 Unauthorized after 1 attempt  (not retried)'],
    [404, '404 Not Found after 1 attempt  (not retried)'],
    [422, '422 Unprocessable Entity after 1 attempt  (not retried)'],
    [410, '410 Gone after 1 attempt  (the target is gone: 410)'],
  ])('%i is final', async (status, words) => {
    const { code, requests, stdout, clock } = await sendOnce([{ status }, { status: 200 }]);
    expect(code).toBe(1);
    expect(requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(stdout).toBe(`✘ p.json → ${words}\n`);
  });

  test('a redirect is not followed: 3xx is a failure', async () => {
    const { code, requests, stdout } = await sendOnce([{ status: 302, headers: { location: '/elsewhere' } }]);
    expect(code).toBe(1);
    expect(requests.map((request) => request.url)).toEqual(['/in']);
    expect(stdout).toBe('✘ p.json → 302 Found after 1 attempt  (not retried)\n');
  });

  test('6 failing attempts: the exact backoff schedule and the last error', async () => {
    const { code, requests, stdout, clock, stderr } = await sendOnce(
      [{ status: 503, body: 'down for maintenance\nmore' }],
      ['--verbose'],
    );
    expect(code).toBe(1);
    expect(requests).toHaveLength(6);
    expect(clock.sleeps).toEqual([750, 1250, 2250, 4250, 8250]);
    expect(stdout).toBe(
      [
        '✘ p.json → 503 Service Unavailable after 6 attempts',
        '    1/6  at once  → 503 Service Unavailable  0ms  "down for maintenance"',
        '    2/6  after 750ms  → 503 Service Unavailable  0ms  "down for maintenance"',
        '    3/6  after 1.3s  → 503 Service Unavailable  0ms  "down for maintenance"',
        '    4/6  after 2.3s  → 503 Service Unavailable  0ms  "down for maintenance"',
        '    5/6  after 4.3s  → 503 Service Unavailable  0ms  "down for maintenance"',
        '    6/6  after 8.3s  → 503 Service Unavailable  0ms  "down for maintenance"',
        '',
      ].join('\n'),
    );
    expect(stderr).toMatch(/^delivered 0 of 1, failed 1 {2}· {2}6 attempts in 17s/);
  });

  test('--retries 0 makes one attempt; --retry-on replaces the list', async () => {
    expect((await sendOnce([{ status: 503 }], ['--retries', '0'])).requests).toHaveLength(1);
    await target?.close();
    const teapot = await sendOnce([{ status: 418 }, { status: 503 }, { status: 200 }], ['--retry-on', '418']);
    expect(teapot.requests).toHaveLength(2);
    expect(teapot.stdout).toBe('✘ p.json → 503 Service Unavailable after 2 attempts  (not retried)\n');
    await target?.close();
    const all = await sendOnce(
      [{ status: 404 }, { status: 301 }, { status: 200 }],
      ['--retry-on', 'all-non-2xx'],
    );
    expect(all.code).toBe(0);
    expect(all.requests).toHaveLength(3);
  });

  test('connection refused is retried and reported', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const dir = await makeDir({ 'p.json': '{}' });
    const clock = new ManualClock();
    const result = await runCli(['send', 'p.json', '--to', `http://127.0.0.1:${port}/`, '--retries', '2'], {
      cwd: dir,
      clock,
    });
    expect(result.code).toBe(1);
    expect(clock.sleeps).toEqual([750, 1250]);
    expect(result.stdout).toBe('✘ p.json → connection refused (ECONNREFUSED) after 3 attempts\n');
  });

  test('a connection closed without an answer is retried', async () => {
    const { code, requests, stdout } = await sendOnce([{ drop: true }, { status: 200 }], ['--verbose']);
    expect(code).toBe(0);
    expect(requests).toHaveLength(2);
    expect(stdout.split('\n')[1]).toMatch(
      /^ {4}1\/6 {2}at once {2}→ (socket closed mid-response \(UND_ERR_SOCKET\)|connection reset \(ECONNRESET\))/,
    );
  });

  test('a connection dropped mid-response is retried, whatever the status said', async () => {
    const { code, requests, stdout } = await sendOnce(
      [{ status: 200, dropMidResponse: true }, { status: 200 }],
      ['--verbose'],
    );
    expect(code).toBe(0);
    expect(requests).toHaveLength(2);
    expect(stdout).toMatch(
      /^✔ p\.json → 200 OK {2}0ms {2}\(attempt 2\/6\)\n {4}1\/6 {2}at once {2}→ (socket closed mid-response \(UND_ERR_SOCKET\)|connection reset \(ECONNRESET\)|response body shorter)/,
    );
  });

  test('the per-attempt --timeout is retried and shown', async () => {
    const { code, requests, stdout } = await sendOnce(
      [{ hang: true }],
      ['--timeout', '50ms', '--retries', '1'],
    );
    expect(code).toBe(1);
    expect(requests).toHaveLength(2);
    expect(stdout).toBe('✘ p.json → timed out after 50ms after 2 attempts\n');
  });
});

describe('send: Retry-After and --max-elapsed', () => {
  test('Retry-After in seconds replaces the backoff and is shown', async () => {
    const { clock, stdout } = await sendOnce(
      [{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }],
      ['--verbose'],
    );
    expect(clock.sleeps).toEqual([7000]);
    expect(stdout).toContain('    1/6  at once  → 429 Too Many Requests  0ms  Retry-After 7.0s\n');
    expect(stdout).toContain('    2/6  after 7.0s  → 200 OK  0ms');
  });

  test('Retry-After as an HTTP-date, measured from the injected clock', async () => {
    const at = new Date(new ManualClock().now() + 4000).toUTCString();
    const { clock } = await sendOnce([{ status: 503, headers: { 'retry-after': at } }, { status: 200 }]);
    expect(clock.sleeps).toEqual([4000]);
  });

  test('Retry-After is capped by --max-delay; garbage falls back to the backoff', async () => {
    const capped = await sendOnce(
      [{ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 }],
      ['--max-delay', '10s'],
    );
    expect(capped.clock.sleeps).toEqual([10_000]);
    await target?.close();
    const garbage = await sendOnce([{ status: 503, headers: { 'retry-after': 'soon' } }, { status: 200 }]);
    expect(garbage.clock.sleeps).toEqual([750]);
  });

  test('--max-elapsed stops before a wait would pass it', async () => {
    const { code, clock, requests, stdout } = await sendOnce([{ status: 503 }], ['--max-elapsed', '3s']);
    expect(code).toBe(1);
    // 750 + 1250 = 2000ms so far; the next wait (2250ms) would end at 4250ms > 3s.
    expect(clock.sleeps).toEqual([750, 1250]);
    expect(requests).toHaveLength(3);
    expect(stdout).toBe('✘ p.json → 503 Service Unavailable after 3 attempts  (--max-elapsed reached)\n');
  });

  test('--min-delay and --max-delay shape the schedule', async () => {
    const { clock } = await sendOnce([{ status: 500 }], ['--min-delay', '1s', '--max-delay', '3s']);
    expect(clock.sleeps).toEqual([1500, 2000, 2000, 2000, 2000]);
  });
});
