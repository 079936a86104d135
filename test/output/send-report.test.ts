import { Chalk } from 'chalk';
import { describe, expect, test } from 'vitest';
import { formatSendJson } from '../../src/output/send-json.js';
import { formatSendProgress } from '../../src/output/send-progress.js';
import { formatSendResult, formatSendSummary } from '../../src/output/send-report.js';
import type { DeliveryReport } from '../../src/send/delivery-report.js';

const plain = new Chalk({ level: 0 });

const delivered: DeliveryReport = {
  ok: true,
  status: 200,
  statusText: 'OK',
  error: null,
  attempts: [
    {
      attempt: 1,
      status: null,
      error: 'connection reset (ECONNRESET)',
      code: 'ECONNRESET',
      ms: 12,
      delayMs: 0,
    },
    { attempt: 2, status: 200, statusText: 'OK', error: null, ms: 43, delayMs: 750, bodyFirstLine: 'ok' },
  ],
  ms: 805,
  stoppedBy: 'delivered',
  gone: false,
};

describe('formatSendResult', () => {
  test('delivered, with --verbose attempt lines', () => {
    expect(
      formatSendResult(
        { input: 'payload.json', outcome: 'delivered', maxAttempts: 6, report: delivered },
        plain,
        true,
      ),
    ).toEqual([
      '✔ payload.json → 200 OK  43ms  (attempt 2/6)',
      '    1/6  at once  → connection reset (ECONNRESET)  12ms',
      '    2/6  after 750ms  → 200 OK  43ms  "ok"',
    ]);
  });

  test('failed after retries, with the last error', () => {
    const failed: DeliveryReport = {
      ...delivered,
      ok: false,
      status: null,
      statusText: undefined,
      error: 'timed out after 10s',
      attempts: [
        { attempt: 1, status: null, error: 'timed out after 10s', code: 'TIMEOUT', ms: 10_000, delayMs: 0 },
      ],
      stoppedBy: 'retries-exhausted',
    } as DeliveryReport;
    expect(
      formatSendResult({ input: 'p.json', outcome: 'failed', maxAttempts: 1, report: failed }, plain),
    ).toEqual(['✘ p.json → timed out after 10s after 1 attempt']);
  });

  test('bad input and not sent', () => {
    expect(
      formatSendResult(
        { input: 'x\u001b.json', outcome: 'bad-input', maxAttempts: 6, message: 'nope\u0007' },
        plain,
      ),
    ).toEqual(['✘ x\\e.json → bad input: nope\\x07']);
    expect(
      formatSendResult(
        { input: 'y.json', outcome: 'not-sent', maxAttempts: 6, message: 'stopped by Ctrl-C' },
        plain,
      ),
    ).toEqual(['– y.json → not sent (stopped by Ctrl-C)']);
  });

  test('colour when asked', () => {
    const colors = new Chalk({ level: 1 });
    const [line] = formatSendResult(
      { input: 'p.json', outcome: 'delivered', maxAttempts: 6, report: delivered },
      colors,
    );
    expect(line).toBe(
      '\u001b[32m✔\u001b[39m p.json → \u001b[32m200 OK\u001b[39m  43ms  \u001b[2m(attempt 2/6)\u001b[22m',
    );
  });
});

describe('formatSendSummary', () => {
  test('counts, attempts, time and rate; Ctrl-C and --failed notes', () => {
    expect(
      formatSendSummary(
        {
          delivered: 8,
          failed: 1,
          badInputs: 1,
          notSent: 2,
          attempts: 15,
          elapsedMs: 2000,
          stoppedBy: 'interrupted',
          failedFile: 'f.jsonl',
        },
        plain,
      ),
    ).toEqual([
      'delivered 8 of 12, failed 1, bad inputs 1, not sent 2  ·  15 attempts in 2.0s (4.5 payloads/s)',
      'stopped by Ctrl-C',
      '4 undelivered inputs written to f.jsonl (send it again with: webhook-cli send f.jsonl --to ...)',
    ]);
  });
});

describe('formatSendJson', () => {
  test("one line of JSON with the issue's fields", () => {
    const line = formatSendJson({
      input: 'p.json',
      outcome: 'delivered',
      maxAttempts: 6,
      report: delivered,
      url: 'http://h/',
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      input: 'p.json',
      ok: true,
      outcome: 'delivered',
      status: 200,
      statusText: 'OK',
      error: null,
      attempts: [
        { status: null, error: 'connection reset (ECONNRESET)', code: 'ECONNRESET', ms: 12, delayMs: 0 },
        { status: 200, error: null, ms: 43, delayMs: 750 },
      ],
      ms: 805,
      url: 'http://h/',
      stoppedBy: 'delivered',
    });
  });
});

describe('formatSendProgress', () => {
  test('done/total, counts, rate and ETA', () => {
    expect(formatSendProgress({ done: 400, total: 1000, delivered: 398, failed: 2, elapsedMs: 2000 })).toBe(
      '400/1000  ✔ 398  ✘ 2  200/s  ETA 3.0s',
    );
    expect(formatSendProgress({ done: 6, delivered: 6, failed: 0, elapsedMs: 0 })).toBe(
      '6/…  ✔ 6  ✘ 0  0.0/s',
    );
  });
});
