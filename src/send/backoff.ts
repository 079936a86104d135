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
  // Only the date forms HTTP allows: IMF-fixdate and the two obsolete ones all name a weekday.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
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
