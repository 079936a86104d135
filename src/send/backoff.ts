/**
 * The retry schedule and what counts as worth retrying. Pure functions: the delivery loop passes
 * the attempt number, the clock's time and a random source, so tests assert exact schedules.
 */

export interface BackoffOptions {
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential backoff with full jitter
 * (AWS, "Exponential Backoff And Jitter"), drawn uniformly from [minDelay, min(maxDelay, minDelay * 2^retry)].
 * `--min-delay` is a floor, as its name promises: a retry never follows its failure sooner than that,
 * while the jitter above it still spreads many senders apart (retry 1: 0.5-1s, 2: 0.5-2s, ... with
 * the defaults). `random` returns a number in [0, 1).
 */
export function computeDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const { minDelayMs, maxDelayMs } = options;
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(retry, 52));
  const floor = Math.min(minDelayMs, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as milliseconds from `nowMs`: delay-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`; a date in the past means 0). Anything else is
 * `undefined`, and the normal backoff applies.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const TIME = '(?<hours>\\d\\d):(?<minutes>\\d\\d):(?<seconds>\\d\\d)';
const HTTP_DATES = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  `^${WEEKDAY}, (?<day>\\d{1,2}) (?<month>[a-z]{3}) (?<year>\\d{4}) ${TIME} (?:gmt|utc)$`,
  // rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT
  `^${WEEKDAY}, (?<day>\\d{1,2})-(?<month>[a-z]{3})-(?<year>\\d{2}) ${TIME} (?:gmt|utc)$`,
  // asctime-date: Sun Nov  6 08:49:37 1994
  `^${WEEKDAY} (?<month>[a-z]{3}) +(?<day>\\d{1,2}) ${TIME} (?<year>\\d{4})$`,
].map((pattern) => new RegExp(pattern, 'i'));

/**
 * The three HTTP-date forms of RFC 9110 §5.6.7, all in GMT, as epoch milliseconds. Written out
 * rather than left to `Date.parse`, which takes `Mon, 1` or `Foo, 12` as dates (so a garbage
 * header meant an immediate retry) and reads the zone-less asctime form in local time.
 */
function parseHttpDate(text: string, nowMs: number): number | undefined {
  const parts = HTTP_DATES.map((pattern) => pattern.exec(text)?.groups).find(Boolean);
  if (!parts) return undefined;
  const month = MONTHS.indexOf(String(parts.month).toLowerCase());
  const [day, hours, minutes, seconds] = [parts.day, parts.hours, parts.minutes, parts.seconds].map(
    Number,
  ) as [number, number, number, number];
  let year = Number(parts.year);
  if (String(parts.year).length === 2) {
    // §5.6.7: a two-digit year more than 50 years in the future is the most recent past such year.
    const nowYear = new Date(nowMs).getUTCFullYear();
    year += Math.floor(nowYear / 100) * 100;
    if (year > nowYear + 50) year -= 100;
    else if (year + 100 <= nowYear + 50) year += 100;
  }
  if (month < 0 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  // setUTCFullYear rather than Date.UTC, which reads years 0-99 as 1900-1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month, day);
  // 31 Feb rolls over into March: no such date. A leap second (:60) is the next second.
  if (at.getUTCMonth() !== month || at.getUTCDate() !== day) return undefined;
  at.setUTCHours(hours, minutes, seconds, 0);
  const ms = at.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** Statuses delivery services and curl treat as transient. */
export const DEFAULT_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export type RetryOn = ReadonlySet<number> | 'all-non-2xx';

/** 2xx is success; a failure is retried when its status is in `retryOn` (3xx never: redirects are failures). */
export function isRetryableStatus(status: number, retryOn: RetryOn = DEFAULT_RETRY_STATUSES): boolean {
  if (status >= 200 && status < 300) return false;
  if (retryOn === 'all-non-2xx') return true;
  return retryOn.has(status);
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'DNS: host not found',
  EAI_AGAIN: 'DNS: lookup failed, try again',
  UND_ERR_SOCKET: 'socket closed mid-response',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response body shorter than its Content-Length',
};

export interface ErrorClass {
  /** Worth another attempt: the network or the target may recover. */
  retryable: boolean;
  /** The error code when there is one (ECONNREFUSED, UND_ERR_SOCKET, ...). */
  code?: string;
  /** Short words for people: `connection refused (ECONNREFUSED)`. */
  message: string;
}

/**
 * Network errors (refused, reset, DNS, closed mid-response, timeouts) are retryable; everything
 * else (a TLS certificate problem, an invalid header) will fail the same way again.
 * Happy-eyeballs connects report an AggregateError whose code is the first failure's.
 */
export function classifyError(error: unknown): ErrorClass {
  const code = findCode(error);
  if (code !== undefined && code in NETWORK_ERRORS) {
    return { retryable: true, code, message: `${NETWORK_ERRORS[code]} (${code})` };
  }
  const text = error instanceof Error ? error.message || error.name : String(error);
  return code === undefined
    ? { retryable: false, message: text }
    : { retryable: false, code, message: `${text} (${code})` };
}

function findCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code in NETWORK_ERRORS) return code;
  const inner =
    findCode(cause, depth + 1) ?? (Array.isArray(errors) ? findCode(errors[0], depth + 1) : undefined);
  return inner ?? (typeof code === 'string' ? code : undefined);
}
