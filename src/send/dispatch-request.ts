import type { Dispatcher } from 'undici';

export interface DispatchedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's first FIRST_LINE_BYTES bytes; the rest is read and dropped (the connection is reused). */
  head: Buffer;
}

const FIRST_LINE_BYTES = 1024;
const EMPTY = Buffer.alloc(0);

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
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    dispatcher.dispatch(options, new ExchangeHandler(resolve, reject, signal, preciseTimeoutMs));
  });
}

/**
 * The handler of one exchange as one object with its methods on the prototype, rather than a
 * closure per callback: a dozen fewer allocations per request.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: DispatchedResponse['headers'] = {};
  private head: Buffer = EMPTY;
  private kept: Buffer[] | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private timer: NodeJS.Timeout | undefined;
  private timedOut: Error | undefined;

  constructor(
    private readonly resolve: (response: DispatchedResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly signal: AbortSignal | undefined,
    preciseTimeoutMs: number | undefined,
  ) {
    if (signal) abortHandlers(signal).add(this);
    if (preciseTimeoutMs !== undefined) {
      // Connecting and waiting for the head, then each pause in the body (refreshed per chunk), as
      // undici's own timeouts measure them, but on a native timer.
      this.timer = setTimeout(() => {
        const timedOut = Object.assign(new Error(`timed out after ${preciseTimeoutMs}ms`), {
          code: this.status ? 'UND_ERR_BODY_TIMEOUT' : 'UND_ERR_HEADERS_TIMEOUT',
        });
        this.timedOut = timedOut;
        if (this.controller) this.controller.abort(timedOut);
        else this.settle(timedOut);
      }, preciseTimeoutMs);
    }
  }

  /** The caller's signal fired. */
  abort(): void {
    this.controller?.abort(this.signal?.reason ?? new Error('aborted'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.timedOut) controller.abort(this.timedOut);
    else if (this.signal?.aborted) this.abort();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx informational responses come first and are not the answer.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    this.timer?.refresh();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.timer?.refresh();
    if (this.head.length >= FIRST_LINE_BYTES) return;
    if (this.head.length === 0) this.head = chunk;
    else {
      this.kept ??= [this.head];
      this.kept.push(chunk);
      this.head = Buffer.concat(this.kept);
    }
  }

  onResponseEnd(): void {
    this.settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(error);
  }

  private settle(error: Error | undefined): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.signal) abortHandlers(this.signal).delete(this);
    if (error) this.reject(error);
    else this.resolve({ status: this.status, headers: this.headers, head: this.head });
  }
}

const handlersBySignal = new WeakMap<AbortSignal, Set<ExchangeHandler>>();

/**
 * One 'abort' listener per signal for all its requests, and a Set per request: adding and removing
 * an EventTarget listener for every request measured as a visible share of the per-request cost.
 */
function abortHandlers(signal: AbortSignal): Set<ExchangeHandler> {
  let handlers = handlersBySignal.get(signal);
  if (!handlers) {
    const set = new Set<ExchangeHandler>();
    handlers = set;
    handlersBySignal.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const handler of [...set]) handler.abort();
      },
      { once: true },
    );
  }
  return handlers;
}
