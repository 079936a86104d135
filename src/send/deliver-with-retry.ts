import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Clock } from '../deps.js';
import { DispatchForms, type DispatchTarget } from '../http/dispatch-form.js';
import { dispatchRequest } from '../http/dispatch-request.js';
import { formatDuration } from '../options/duration.js';
import {
  classifyError,
  computeDelay,
  type ErrorClass,
  isRetryableStatus,
  parseRetryAfter,
} from './backoff.js';
import type {
  AttemptRecord,
  DeliveryOptions,
  DeliveryReport,
  OutgoingRequest,
  StopReason,
} from './delivery-report.js';
import { loadSigning } from './load-signing.js';

export interface DeliveryDeps {
  /** One keep-alive undici Agent shared by a whole run. */
  dispatcher: Dispatcher;
  clock: Clock;
  random: () => number;
  /** A batch's requests in undici's form, shared by its deliveries; one per call when absent. */
  forms?: DispatchForms;
}

const FIRST_LINE_BYTES = 1024;
/**
 * undici's head and body timers tick about every 500ms: fine for the 10s default, but up to a
 * second late, so below this a native timer per attempt keeps `--timeout` (and the last attempt
 * shortened by `--max-elapsed`) close to what was asked.
 */
const PRECISE_TIMEOUT_BELOW_MS = 5000;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Delivers one request, retrying transient failures with backoff, and reports every attempt.
 * Redirects are not followed (a 3xx is a failure). With `options.sign`, the old signature headers
 * are removed and each attempt is signed again with a fresh timestamp from `deps.clock`, while the
 * delivery id stays the same: taken from the request's id header (webhook-id, X-GitHub-Delivery,
 * ...) or made once here. Never throws for a failed delivery; the report says what happened.
 */
export async function deliverWithRetry(
  request: OutgoingRequest,
  options: DeliveryOptions,
  deps: DeliveryDeps,
): Promise<DeliveryReport> {
  const { clock } = deps;
  const forms = deps.forms ?? new DispatchForms();
  const url = forms.target(request.url);
  const signer = options.sign
    ? (await loadSigning()).createSigner(request.headers, options.sign, {
        url: request.url,
        method: request.method,
      })
    : undefined;
  // Made on the first retry only: most deliveries succeed at once and never wait.
  let stopWaiting: CombinedSignal | undefined;
  const attempts: AttemptRecord[] = [];
  const start = clock.now();
  let stoppedBy: StopReason = 'retries-exhausted';
  let retryAfterMs: number | undefined;
  let signError: string | undefined;
  try {
    for (let attempt = 1; attempt <= options.retries + 1; attempt += 1) {
      let delayMs = 0;
      if (attempt > 1) {
        stopWaiting ??= anySignal([options.drain, options.signal]);
        if (stopWaiting.aborted) {
          stoppedBy = 'interrupted';
          break;
        }
        delayMs =
          retryAfterMs === undefined
            ? computeDelay(attempt - 1, options, deps.random)
            : Math.min(retryAfterMs, options.maxDelayMs);
        if (options.maxElapsedMs !== undefined && clock.now() - start + delayMs >= options.maxElapsedMs) {
          stoppedBy = 'max-elapsed';
          break;
        }
        try {
          await clock.sleep(delayMs, stopWaiting);
        } catch {
          stoppedBy = 'interrupted';
          break;
        }
      }
      let timeoutMs = options.timeoutMs;
      if (options.maxElapsedMs !== undefined) {
        timeoutMs = Math.max(1, Math.min(timeoutMs, options.maxElapsedMs - (clock.now() - start)));
      }
      let headers = request.headers;
      if (signer) {
        try {
          headers = signer.headersFor(request.body, Math.floor(clock.now() / 1000));
        } catch (error) {
          // Signing fails the same way every time (e.g. an id Standard Webhooks cannot sign): final.
          signError = `cannot sign: ${error instanceof Error ? error.message : String(error)}`;
          stoppedBy = 'sign-failed';
          break;
        }
      }
      const record = await attemptOnce(
        request,
        forms.headers(headers),
        url,
        attempt,
        delayMs,
        timeoutMs,
        options.signal,
        deps,
      );
      attempts.push(record.attempt);
      options.onAttempt?.(record.attempt);
      retryAfterMs = record.attempt.retryAfterMs;
      if (record.attempt.status !== null && record.attempt.status >= 200 && record.attempt.status < 300) {
        stoppedBy = 'delivered';
        break;
      }
      if (record.aborted) {
        stoppedBy = 'interrupted';
        break;
      }
      const retryable =
        record.attempt.status === null
          ? record.retryableError
          : isRetryableStatus(record.attempt.status, options.retryOn);
      if (!retryable) {
        stoppedBy = 'not-retryable';
        break;
      }
    }
  } finally {
    stopWaiting?.dispose();
  }
  const last = attempts.at(-1);
  const report: DeliveryReport = {
    ok: stoppedBy === 'delivered',
    status: signError ? null : (last?.status ?? null),
    error: signError ?? (last ? last.error : 'not attempted'),
    attempts,
    ms: clock.now() - start,
    stoppedBy,
    gone: last?.status === 410,
  };
  if (last?.statusText !== undefined) report.statusText = last.statusText;
  if (signer?.deliveryId !== undefined) report.deliveryId = signer.deliveryId;
  return report;
}

interface AttemptOutcome {
  attempt: AttemptRecord;
  retryableError: boolean;
  /** Stopped by the caller's signal (not by the per-attempt timeout). */
  aborted: boolean;
}

/** `headers` are the request's, or this attempt's freshly signed ones, flat as undici takes them. */
async function attemptOnce(
  request: OutgoingRequest,
  headers: string[],
  url: DispatchTarget,
  attempt: number,
  delayMs: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  deps: DeliveryDeps,
): Promise<AttemptOutcome> {
  const started = deps.clock.now();
  const record: AttemptRecord = { attempt, status: null, error: null, ms: 0, delayMs };
  try {
    const method = request.method.toUpperCase();
    const hasBody = request.body.length > 0 || !(method === 'GET' || method === 'HEAD');
    const response = await dispatchRequest(
      deps.dispatcher,
      {
        origin: url.origin,
        path: url.path,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: hasBody ? request.body : null,
        // undici's own timers rather than an AbortController per attempt (measured: the controller
        // and its listeners cost more than the rest of an attempt's bookkeeping together). Connect
        // has the Agent's connect timeout.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      {
        signal,
        preciseTimeoutMs: timeoutMs < PRECISE_TIMEOUT_BELOW_MS ? timeoutMs : undefined,
        // Once the head is in, the whole body gets one --timeout too, so a target cannot hold an
        // attempt open by trickling bytes with pauses just under it.
        bodyDeadlineMs: timeoutMs,
      },
    );
    record.status = response.status;
    const text = STATUS_CODES[response.status];
    if (text !== undefined) record.statusText = text;
    const retryAfter = parseRetryAfter(response.retryAfter, deps.clock.now());
    if (retryAfter !== undefined) record.retryAfterMs = retryAfter;
    const firstLine = firstLineOf(response.head);
    if (firstLine) record.bodyFirstLine = firstLine;
    return { attempt: finish(record, started, deps.clock), retryableError: false, aborted: false };
  } catch (error) {
    let kind: ErrorClass;
    let aborted = false;
    if (signal?.aborted) {
      aborted = true;
      kind = { retryable: false, code: 'ABORTED', message: 'aborted' };
    } else if (TIMEOUT_CODES.has((error as { code?: string }).code ?? '')) {
      kind = {
        retryable: true,
        code: 'TIMEOUT',
        message: `timed out after ${formatDuration(timeoutMs)}`,
      };
    } else {
      kind = classifyError(error);
    }
    // A status with a broken body (dropped mid-response) is a network failure, whatever the status said.
    record.status = null;
    delete record.statusText;
    delete record.retryAfterMs;
    record.error = kind.message;
    if (kind.code !== undefined) record.code = kind.code;
    return { attempt: finish(record, started, deps.clock), retryableError: kind.retryable, aborted };
  }
}

function finish(record: AttemptRecord, started: number, clock: Clock): AttemptRecord {
  record.ms = clock.now() - started;
  return record;
}

/** The first line of a response body, at most 200 characters. */
function firstLineOf(head: Buffer): string {
  if (head.length === 0) return '';
  // Cut at the first LF (and a CR before it) before decoding: an ASCII byte never sits inside a
  // UTF-8 sequence, so this is the first line of the decoded text, without a regular expression.
  let end = head.indexOf(10);
  if (end === -1 || end >= FIRST_LINE_BYTES) end = Math.min(head.length, FIRST_LINE_BYTES);
  else if (end > 0 && head[end - 1] === 13) end -= 1;
  const line = head.toString('utf8', 0, end);
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

interface CombinedSignal extends AbortSignal {
  dispose(): void;
}

/** Aborted when any of `signals` aborts; `dispose` removes the listeners. */
function anySignal(signals: Array<AbortSignal | undefined>): CombinedSignal {
  const controller = new AbortController();
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const onAbort = () => controller.abort();
  for (const signal of present) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return Object.assign(controller.signal, {
    dispose: () => {
      for (const signal of present) signal.removeEventListener('abort', onAbort);
    },
  });
}
