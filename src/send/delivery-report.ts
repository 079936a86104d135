import type { HeaderList } from '../options/headers.js';
import type { SignatureSettings } from '../signatures/signature-settings.js';
import type { RetryOn } from './backoff.js';

/** One HTTP request to deliver: the exact body bytes, headers in order. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: HeaderList;
  body: Buffer;
}

/** `send --sign` and the inspector's replays: a provider (never `auto`) and the first secret or key. */
export type SignWith = SignatureSettings & { provider: Exclude<SignatureSettings['provider'], 'auto'> };

/** One try, as the report shows it. */
export interface AttemptRecord {
  /** 1-based. */
  attempt: number;
  /** The response status, or null when no response came (network error, timeout). */
  status: number | null;
  statusText?: string;
  /** What went wrong without a response (`connection refused (ECONNREFUSED)`), else null. */
  error: string | null;
  /** Error code when there is one (ECONNREFUSED, UND_ERR_SOCKET, TIMEOUT, ABORTED). */
  code?: string;
  /** How long the attempt took, by the injected clock. */
  ms: number;
  /** The wait before this attempt (0 for the first). */
  delayMs: number;
  /** `Retry-After` of this attempt's response, in ms, when it had a usable one. */
  retryAfterMs?: number;
  /** First line of the response body (at most 200 characters), raw: renderers escape it. */
  bodyFirstLine?: string;
}

export type StopReason =
  /** A 2xx arrived. */
  | 'delivered'
  /** A failure that is not worth retrying (4xx other than the retry list, 3xx, TLS, ...). */
  | 'not-retryable'
  /** Every allowed attempt failed. */
  | 'retries-exhausted'
  /** The next wait would pass --max-elapsed. */
  | 'max-elapsed'
  /** Ctrl-C: the in-flight attempt was aborted, or no further attempt was started. */
  | 'interrupted'
  /** The scheme could not sign this request; nothing more was sent. */
  | 'sign-failed';

export interface DeliveryReport {
  ok: boolean;
  /** The last response's status, or null when the last attempt got none. */
  status: number | null;
  statusText?: string;
  /** The last attempt's error, when it had no response. */
  error: string | null;
  attempts: AttemptRecord[];
  /** First attempt's start to the end of the last, by the injected clock. */
  ms: number;
  stoppedBy: StopReason;
  /** 410 Gone: the target says this endpoint no longer exists. */
  gone: boolean;
  /** The delivery id sent with every attempt when signing (webhook-id, X-GitHub-Delivery, ...). */
  deliveryId?: string;
}

export interface DeliveryOptions {
  /** Further attempts after the first (so retries + 1 attempts at most). */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Bound on the whole delivery: no wait or attempt goes past it. */
  maxElapsedMs?: number;
  /** Per attempt: connect, send, response headers and body. */
  timeoutMs: number;
  retryOn: RetryOn;
  /** Re-sign every attempt with a fresh timestamp and the same delivery id. */
  sign?: SignWith;
  /** Aborts the attempt in flight (second Ctrl-C). */
  signal?: AbortSignal;
  /** Once aborted, no further attempt starts and a pending backoff ends at once (first Ctrl-C). */
  drain?: AbortSignal;
  onAttempt?(attempt: AttemptRecord): void;
}
