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
  bodyDeadlineMs?: number,
): Promise<DispatchedResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    dispatcher.dispatch(
      options,
      new ExchangeHandler(resolve, reject, signal, preciseTimeoutMs, bodyDeadlineMs),
    );
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
  /** When the response head arrived (Date.now()), for the body's deadline. */
  private headAt = 0;
  /** Links in the list of exchanges in flight on `signal`. */
  private inFlight: InFlight | undefined;
  previous: ExchangeHandler | undefined;
  next: ExchangeHandler | undefined;

  constructor(
    private readonly resolve: (response: DispatchedResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly signal: AbortSignal | undefined,
    preciseTimeoutMs: number | undefined,
    private readonly bodyDeadlineMs: number | undefined,
  ) {
    if (signal) {
      this.inFlight = inFlightOn(signal);
      this.next = this.inFlight.first;
      if (this.next) this.next.previous = this;
      this.inFlight.first = this;
    }
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
    if (this.bodyDeadlineMs !== undefined) this.headAt = Date.now();
    this.timer?.refresh();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // Pauses are bounded by the timers; a body that keeps trickling in is bounded in total here,
    // checked as each chunk arrives (no timer per request).
    if (this.bodyDeadlineMs !== undefined && Date.now() - this.headAt > this.bodyDeadlineMs) {
      controller.abort(
        Object.assign(new Error(`the response body took longer than ${this.bodyDeadlineMs}ms`), {
          code: 'UND_ERR_BODY_TIMEOUT',
        }),
      );
      return;
    }
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
    if (this.inFlight) {
      if (this.previous) this.previous.next = this.next;
      else this.inFlight.first = this.next;
      if (this.next) this.next.previous = this.previous;
      this.previous = undefined;
      this.next = undefined;
      this.inFlight = undefined;
    }
    if (error) this.reject(error);
    else this.resolve({ status: this.status, headers: this.headers, head: this.head });
  }
}

interface InFlight {
  first: ExchangeHandler | undefined;
}

const inFlightBySignal = new WeakMap<AbortSignal, InFlight>();

/**
 * The exchanges in flight on a signal, as a linked list through the handlers, with one 'abort'
 * listener per signal for all of them. An EventTarget listener per request measured as a visible
 * share of the per-request cost; a Set added to and deleted from per request made the young
 * generation's collections several times slower (its table kept short-lived handlers alive and
 * promoted them), which a list of links does not.
 */
function inFlightOn(signal: AbortSignal): InFlight {
  let list = inFlightBySignal.get(signal);
  if (!list) {
    const created: InFlight = { first: undefined };
    list = created;
    inFlightBySignal.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        const all: ExchangeHandler[] = [];
        for (let handler = created.first; handler; handler = handler.next) all.push(handler);
        for (const handler of all) handler.abort();
      },
      { once: true },
    );
  }
  return list;
}
