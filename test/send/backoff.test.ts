import { describe, expect, test } from 'vitest';
import {
  classifyError,
  computeDelay,
  DEFAULT_RETRY_STATUSES,
  isRetryableStatus,
  parseRetryAfter,
} from '../../src/send/backoff.js';

const defaults = { minDelayMs: 500, maxDelayMs: 30_000 };

describe('computeDelay', () => {
  test('full jitter above the --min-delay floor, doubling up to --max-delay', () => {
    // random() = 0 gives the floor, random() → 1 gives the ceiling min(max, min * 2^retry).
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => computeDelay(retry, defaults, () => 0))).toEqual([
      500, 500, 500, 500, 500, 500, 500,
    ]);
    const ceiling = () => 0.999_999_999;
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => computeDelay(retry, defaults, ceiling))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect([1, 2, 3].map((retry) => computeDelay(retry, defaults, () => 0.5))).toEqual([750, 1250, 2250]);
  });

  test('huge retry numbers stay capped; zero delays stay zero; min = max is fixed', () => {
    expect(computeDelay(1000, defaults, () => 0.5)).toBe(15_250);
    expect(computeDelay(3, { minDelayMs: 0, maxDelayMs: 30_000 }, () => 0.9)).toBe(0);
    expect(computeDelay(4, { minDelayMs: 2000, maxDelayMs: 2000 }, () => 0.3)).toBe(2000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  test('delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  test('HTTP-date, in the future or past', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Thursday, 01-Jan-26 12:00:03 GMT', now)).toBe(3000);
  });
  test('garbage is undefined', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '2026-01-01T12:00:05Z', 'Thu, 99 Foo 2026']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe('isRetryableStatus', () => {
  test('the default list: 408, 425, 429, 500, 502, 503, 504', () => {
    const retried = [];
    for (let status = 100; status < 600; status += 1) if (isRetryableStatus(status)) retried.push(status);
    expect(retried).toEqual([...DEFAULT_RETRY_STATUSES]);
  });
  test('--retry-on overrides; all-non-2xx retries 3xx and 4xx but never 2xx', () => {
    expect(isRetryableStatus(418, new Set([418]))).toBe(true);
    expect(isRetryableStatus(503, new Set([418]))).toBe(false);
    expect(isRetryableStatus(302, 'all-non-2xx')).toBe(true);
    expect(isRetryableStatus(204, 'all-non-2xx')).toBe(false);
  });
});

describe('classifyError', () => {
  const coded = (code: string) => Object.assign(new Error(`boom ${code}`), { code });
  test.each([
    ['ECONNREFUSED', 'connection refused (ECONNREFUSED)'],
    ['ECONNRESET', 'connection reset (ECONNRESET)'],
    ['EPIPE', 'connection closed while sending (EPIPE)'],
    ['ETIMEDOUT', 'connection timed out (ETIMEDOUT)'],
    ['UND_ERR_SOCKET', 'socket closed mid-response (UND_ERR_SOCKET)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect timed out (UND_ERR_CONNECT_TIMEOUT)'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timed out waiting for the response headers (UND_ERR_HEADERS_TIMEOUT)'],
    ['UND_ERR_BODY_TIMEOUT', 'timed out reading the response body (UND_ERR_BODY_TIMEOUT)'],
    ['ENOTFOUND', 'DNS: host not found (ENOTFOUND)'],
    ['EAI_AGAIN', 'DNS: lookup failed, try again (EAI_AGAIN)'],
  ])('%s is retryable', (code, message) => {
    expect(classifyError(coded(code))).toEqual({ retryable: true, code, message });
  });

  test('found in a cause or an AggregateError (happy eyeballs)', () => {
    const aggregate = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''), {
      code: 'ECONNREFUSED',
    });
    expect(classifyError(aggregate).retryable).toBe(true);
    const wrapped = new TypeError('fetch failed', { cause: coded('ECONNRESET') });
    expect(classifyError(wrapped)).toMatchObject({ retryable: true, code: 'ECONNRESET' });
  });

  test('other errors are final', () => {
    expect(classifyError(coded('CERT_HAS_EXPIRED'))).toEqual({
      retryable: false,
      code: 'CERT_HAS_EXPIRED',
      message: 'boom CERT_HAS_EXPIRED (CERT_HAS_EXPIRED)',
    });
    expect(classifyError(new Error('invalid header'))).toEqual({
      retryable: false,
      message: 'invalid header',
    });
    expect(classifyError('odd')).toEqual({ retryable: false, message: 'odd' });
  });
});
