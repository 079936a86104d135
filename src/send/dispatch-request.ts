import type { Dispatcher } from 'undici';

export interface DispatchedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's first FIRST_LINE_BYTES bytes; the rest is read and dropped (the connection is reused). */
  head: Buffer;
}

const FIRST_LINE_BYTES = 1024;

/**
 * One HTTP exchange through `dispatcher.dispatch` with a plain handler, rather than
 * `dispatcher.request()`: no response stream or body mixin per request, which measured as most of
 * the client-side cost at thousands of requests a second. Redirects are not followed (no
 * interceptor). Rejects with undici's error (its `code` tells timeouts and socket failures
 * apart), or with `signal.reason` when the caller aborts. With `preciseTimeoutMs`, a native timer
 * enforces the head and body timeouts too: undici's own tick about every half second, so a
 * `--timeout 200ms` would otherwise fire after up to a second.
 */
export function dispatchRequest(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal?: AbortSignal,
  preciseTimeoutMs?: number,
): Promise<DispatchedResponse> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: DispatchedResponse['headers'] = {};
    const kept: Buffer[] = [];
    let size = 0;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let timedOut: Error | undefined;
    const onAbort = () => controller?.abort(signal?.reason ?? new Error('aborted'));
    const settle = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (signal) abortHandlers(signal).delete(onAbort);
      if (error) reject(error);
      else resolve({ status, headers, head: kept.length === 1 ? (kept[0] as Buffer) : Buffer.concat(kept) });
    };
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    if (signal) abortHandlers(signal).add(onAbort);
    if (preciseTimeoutMs !== undefined) {
      // Connecting and waiting for the head, then each pause in the body (refreshed per chunk), as
      // undici's own timeouts measure them, but on a native timer.
      timer = setTimeout(() => {
        timedOut = Object.assign(new Error(`timed out after ${preciseTimeoutMs}ms`), {
          code: status ? 'UND_ERR_BODY_TIMEOUT' : 'UND_ERR_HEADERS_TIMEOUT',
        });
        if (controller) controller.abort(timedOut);
        else settle(timedOut);
      }, preciseTimeoutMs);
    }
    dispatcher.dispatch(options, {
      onRequestStart(requestController) {
        controller = requestController;
        if (timedOut) requestController.abort(timedOut);
        else if (signal?.aborted) onAbort();
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx informational responses come first and are not the answer.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders as DispatchedResponse['headers'];
        timer?.refresh();
      },
      onResponseData(_controller, chunk) {
        timer?.refresh();
        if (size < FIRST_LINE_BYTES) {
          kept.push(chunk);
          size += chunk.length;
        }
      },
      onResponseEnd() {
        settle(undefined);
      },
      onResponseError(_controller, error) {
        settle(error);
      },
    });
  });
}

const handlersBySignal = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * One 'abort' listener per signal for all its requests, and a Set per request: adding and removing
 * an EventTarget listener for every request measured as a visible share of the per-request cost.
 */
function abortHandlers(signal: AbortSignal): Set<() => void> {
  let handlers = handlersBySignal.get(signal);
  if (!handlers) {
    const set = new Set<() => void>();
    handlers = set;
    handlersBySignal.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const handler of [...set]) handler();
      },
      { once: true },
    );
  }
  return handlers;
}
