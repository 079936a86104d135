import fc from 'fast-check';
import type { Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDelay, parseRetryAfter } from '../../src/send/backoff.js';
import { deliverWithRetry } from '../../src/send/deliver-with-retry.js';
import type { DeliveryOptions } from '../../src/send/delivery-report.js';
import { ManualClock } from '../helpers/test-deps.js';

// An HTTP-date is always GMT: run in a zone far from it so a local-time reading shows.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Kathmandu';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const clock = (date: Date) =>
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;

/** The three HTTP-date forms of RFC 9110 §5.6.7, written out by hand. */
const formats = {
  imf: (date: Date) => date.toUTCString(),
  rfc850: (date: Date) =>
    `${LONG_WEEKDAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${pad(date.getUTCFullYear() % 100)} ${clock(date)} GMT`,
  asctime: (date: Date) =>
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${clock(date)} ${date.getUTCFullYear()}`,
};

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const now = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2200, 0, 1) });
/** Whole seconds, as an HTTP-date carries. */
const secondsAround = (from: number, spanMs: number) =>
  fc
    .integer({ min: -spanMs / 1000, max: spanMs / 1000 })
    .map((s) => Math.floor(from / 1000) * 1000 + s * 1000);

describe('Retry-After parser (property)', () => {
  it('delay-seconds: any run of digits, padded or not, is that many seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom('', ' ', '\t', '  '),
        now,
        (seconds, space, at) => {
          expect(parseRetryAfter(`${space}${seconds}${space}`, at)).toBe(seconds * 1000);
          expect(parseRetryAfter(`00${seconds}`, at)).toBe(seconds * 1000);
        },
      ),
    );
  });

  it('HTTP-date in each of its three forms: the time to it from now, 0 once past, in any local zone', () => {
    fc.assert(
      fc.property(
        now.chain((at) => fc.tuple(fc.constant(at), secondsAround(at, 40 * YEAR_MS))),
        fc.constantFrom('imf', 'rfc850', 'asctime') as fc.Arbitrary<keyof typeof formats>,
        ([at, target], form) => {
          const text = formats[form](new Date(target));
          expect(parseRetryAfter(text, at)).toBe(Math.max(0, target - at));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('numbers that are not delay-seconds are rejected: signs, fractions, exponents, units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom('-{n}', '+{n}', '{n}.5', '{n}e3', '{n}s', '0x{n}', '{n} 1', '１{n}'),
        (n, shape) => {
          expect(parseRetryAfter(shape.replace('{n}', String(n)), 0)).toBeUndefined();
        },
      ),
    );
  });

  it('garbage is rejected: random text, and dates with a wrong part', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'binary' }).filter((text) => !/^\s*\d+\s*$/.test(text)),
        (text) => {
          expect(parseRetryAfter(text, Date.UTC(2026, 0, 1))).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
    const bad = [
      'Mon, 1',
      'Foo, 12',
      'abc, 2026',
      'Mon, garbage 5',
      'Thu, 01 Jan 2026 12:00:07', // no zone
      'Thu, 01 Jan 2026 12:00:07 PST', // not GMT
      'Thu, 01 Jan 2026 12:00:07 GMT trailing',
      'Thu, 31 Feb 2026 12:00:07 GMT', // no such day
      'Thu, 01 Foo 2026 12:00:07 GMT',
      'Thu, 01 Jan 2026 24:00:00 GMT',
      'Thu, 01 Jan 2026 12:60:00 GMT',
      'Thursday, 01-Jan-26 12:00:03', // rfc850 without its zone
      '2026-01-01T12:00:05Z', // ISO 8601 is not an HTTP-date
    ];
    for (const value of bad) expect(parseRetryAfter(value, Date.UTC(2026, 0, 1)), value).toBeUndefined();
  });

  it('whatever the header and the clock, the result is undefined or a whole number of ms ≥ 0', () => {
    const dateText = fc
      .tuple(fc.integer({ min: 0, max: 253_402_300_799 }), fc.constantFrom('imf', 'rfc850', 'asctime'))
      .map(([seconds, form]) => formats[form as keyof typeof formats](new Date(seconds * 1000)));
    // Dates with one character changed: some still parse (a digit for a digit), most must not.
    const mutated = fc
      .tuple(dateText, fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }))
      .map(([text, at, char]) => {
        const i = at % text.length;
        return `${text.slice(0, i)}${char}${text.slice(i + 1)}`;
      });
    fc.assert(
      fc.property(
        fc.oneof(dateText, mutated, fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{1,30}$/)),
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        (text, at) => {
          const ms = parseRetryAfter(text, at);
          if (ms !== undefined) {
            expect(Number.isSafeInteger(ms) || ms > Number.MAX_SAFE_INTEGER).toBe(true);
            expect(ms).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('backoff delay (property)', () => {
  it('retry n waits within [min-delay, min(max-delay, min-delay·2ⁿ)] ⊆ [0, max-delay], the same for the same random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, minDelayMs, extra, r) => {
          const maxDelayMs = minDelayMs + extra;
          const delay = computeDelay(retry, { minDelayMs, maxDelayMs }, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(minDelayMs);
          // 0 · 2¹⁰²⁴ is NaN in floating point; the ceiling of a zero floor is zero.
          const ceiling = minDelayMs === 0 ? 0 : Math.min(maxDelayMs, minDelayMs * 2 ** retry);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(computeDelay(retry, { minDelayMs, maxDelayMs }, () => r)).toBe(delay);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('stays within [0, max-delay] even when min-delay > max-delay (the CLI refuses that, the maths holds anyway)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, minDelayMs, maxDelayMs, r) => {
          const delay = computeDelay(retry, { minDelayMs, maxDelayMs }, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(maxDelayMs);
        },
      ),
    );
  });
});

/** What the fake target does with one attempt. */
type Step =
  /** `retryAfter` is a header value, or a date this many seconds from the answer. */
  | { kind: 'status'; status: number; retryAfter?: string | { inSeconds: number }; ms: number }
  | { kind: 'error'; code: string; ms: number }
  | { kind: 'hang' };

const retryAfterValue = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map(String),
  fc.integer({ min: -60, max: 120 }).map((inSeconds) => ({ inSeconds })),
  fc.constantFrom('soon', 'Mon, 1', '-1'),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('status' as const),
      status: fc.constantFrom(200, 204, 400, 410, 429, 500, 503),
      retryAfter: retryAfterValue,
      ms: fc.integer({ min: 0, max: 5000 }),
    },
    { requiredKeys: ['kind', 'status', 'ms'] },
  ),
  fc.record({
    kind: fc.constant('error' as const),
    code: fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED'),
    ms: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.constant({ kind: 'hang' as const }),
);

interface Seen {
  at: number;
  timeoutMs: number;
}

/**
 * A dispatcher that answers from `steps` in order, moving the manual clock forward by each
 * answer's duration, and honouring the per-attempt timeout it is given as undici does.
 */
function scriptedDispatcher(steps: Step[], time: ManualClock, seen: Seen[]): Dispatcher {
  let index = 0;
  const dispatch = (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
    const next = steps[Math.min(index, steps.length - 1)] as Step;
    index += 1;
    const timeoutMs = options.headersTimeout ?? Number.POSITIVE_INFINITY;
    seen.push({ at: time.now(), timeoutMs });
    // undici 7's own handler interface, which send's handler implements (see dispatch-request.ts).
    queueMicrotask(() => {
      handler.onConnect?.(() => {});
      const fail = (code: string) => handler.onError?.(Object.assign(new Error(code), { code }));
      if (next.kind === 'hang' || next.ms > timeoutMs) {
        time.advance(timeoutMs);
        fail('UND_ERR_HEADERS_TIMEOUT');
      } else if (next.kind === 'error') {
        time.advance(next.ms);
        fail(next.code);
      } else {
        time.advance(next.ms);
        const headers: Buffer[] = [];
        const value = next.retryAfter;
        const retryAfter =
          typeof value === 'string'
            ? value
            : value
              ? new Date(time.now() + value.inSeconds * 1000).toUTCString()
              : undefined;
        if (retryAfter !== undefined) headers.push(Buffer.from('Retry-After'), Buffer.from(retryAfter));
        handler.onHeaders?.(next.status, headers, () => {}, '');
        handler.onComplete?.(null);
      }
    });
    return true;
  };
  return { dispatch } as unknown as Dispatcher;
}

describe('retry schedule through deliverWithRetry (property)', () => {
  it('at most retries + 1 attempts, every wait in [0, max-delay], nothing past --max-elapsed, deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          retries: fc.integer({ min: 0, max: 8 }),
          minDelayMs: fc.integer({ min: 0, max: 5000 }),
          extraDelayMs: fc.integer({ min: 0, max: 60_000 }),
          maxElapsedMs: fc.option(fc.integer({ min: 1, max: 120_000 }), { nil: undefined }),
          timeoutMs: fc.integer({ min: 1, max: 10_000 }),
          steps: fc.array(step, { minLength: 1, maxLength: 10 }),
          randoms: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
            minLength: 1,
            maxLength: 10,
          }),
        }),
        async ({ retries, minDelayMs, extraDelayMs, maxElapsedMs, timeoutMs, steps, randoms }) => {
          const maxDelayMs = minDelayMs + extraDelayMs;
          const run = async () => {
            const time = new ManualClock();
            const seen: Seen[] = [];
            let draw = 0;
            const random = () => randoms[draw++ % randoms.length] as number;
            const options: DeliveryOptions = {
              retries,
              minDelayMs,
              maxDelayMs,
              timeoutMs,
              retryOn: new Set([408, 425, 429, 500, 502, 503, 504]),
              ...(maxElapsedMs !== undefined ? { maxElapsedMs } : {}),
            };
            const start = time.now();
            const report = await deliverWithRetry(
              { method: 'POST', url: 'http://127.0.0.1:9/hook', headers: [], body: Buffer.from('{}') },
              options,
              { dispatcher: scriptedDispatcher(steps, time, seen), clock: time, random },
            );
            return { report, seen, sleeps: time.sleeps, start };
          };
          const { report, seen, sleeps, start } = await run();
          const { attempts } = report;

          expect(attempts.length).toBeGreaterThanOrEqual(1);
          expect(attempts.length).toBeLessThanOrEqual(retries + 1);
          expect(attempts[0]?.delayMs).toBe(0);
          // Every wait asked of the clock is one of the scheduled delays, each within [0, max-delay].
          expect(sleeps).toEqual(attempts.slice(1).map((attempt) => attempt.delayMs));
          attempts.forEach((attempt, i) => {
            expect(attempt.delayMs).toBeGreaterThanOrEqual(0);
            expect(attempt.delayMs).toBeLessThanOrEqual(maxDelayMs);
            const previous = attempts[i - 1];
            if (i === 0 || previous === undefined) return;
            if (previous.retryAfterMs !== undefined) {
              expect(attempt.delayMs).toBe(Math.min(previous.retryAfterMs, maxDelayMs));
            } else {
              expect(attempt.delayMs).toBeGreaterThanOrEqual(minDelayMs);
              expect(attempt.delayMs).toBeLessThanOrEqual(Math.min(maxDelayMs, minDelayMs * 2 ** i));
            }
          });
          if (maxElapsedMs !== undefined) {
            for (const { at, timeoutMs: given } of seen) {
              // Each attempt starts before the bound and may not run past it.
              expect(at - start).toBeLessThan(maxElapsedMs);
              expect(at - start + given).toBeLessThanOrEqual(maxElapsedMs);
            }
            expect(report.ms).toBeLessThanOrEqual(maxElapsedMs);
          }
          if (report.ok) expect(report.stoppedBy).toBe('delivered');
          if (attempts.length < retries + 1 && !report.ok) {
            expect(['not-retryable', 'max-elapsed']).toContain(report.stoppedBy);
          }
          // The same inputs and the same random draws give the same schedule.
          expect((await run()).report).toEqual(report);
        },
      ),
      { numRuns: 400 },
    );
  });
});
