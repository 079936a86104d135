import type { Dispatcher } from 'undici';
import type { HeaderList } from '../options/headers.js';

export interface DispatchedResponse {
  status: number;
  /** The first `Retry-After` header, when there is one (the only header send reads). */
  retryAfter: string | undefined;
  /**
   * The body's first FIRST_LINE_BYTES bytes, the rest read and dropped (the connection is reused);
   * with `keepWhole`, the whole body.
   */
  head: Buffer;
  /** With `keepWhole`: every response header in order, as received. */
  headers?: HeaderList;
  /** With `keepWhole`: the body passed `maxBytes`, so it was not read further (`head` is partial). */
  tooLarge?: boolean;
}

export interface DispatchLimits {
  /** Aborts the exchange; it then rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /**
   * A native timer for the head and body timeouts too: undici's own tick about every half second,
   * so a `--timeout 200ms` would otherwise fire after up to a second.
   */
  preciseTimeoutMs?: number | undefined;
  /** Once the head is in, the whole body must arrive within this. */
  bodyDeadlineMs?: number | undefined;
  /** Keep every header and the whole body, up to `maxBytes` (listen's forwarder relays them). */
  keepWhole?: { maxBytes: number } | undefined;
}

const FIRST_LINE_BYTES = 1024;
const EMPTY = Buffer.alloc(0);
const NO_LIMITS: DispatchLimits = {};

/**
 * One HTTP exchange through `dispatcher.dispatch` with a plain handler, rather than
 * `dispatcher.request()`: no response stream or body mixin per request, which measured as most of
 * the client-side cost at thousands of requests a second, and no need for undici's package index
 * (see load-agent.ts). send, the inspector's replay and listen's forwarder all go through it.
 * Redirects are not followed (no interceptor). Rejects with undici's error (its `code` tells
 * timeouts and socket failures apart), or with `signal.reason` when the caller aborts.
 */
export function dispatchRequest(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  limits: DispatchLimits = NO_LIMITS,
): Promise<DispatchedResponse> {
  return new Promise((resolve, reject) => {
    if (limits.signal?.aborted) {
      reject(limits.signal.reason ?? new Error('aborted'));
      return;
    }
    dispatcher.dispatch(options, new ExchangeHandler(resolve, reject, limits));
  });
}

/**
 * The handler of one exchange as one object with its methods on the prototype, rather than a
 * closure per callback: a dozen fewer allocations per request.
 *
 * It implements undici 7's own handler interface (onConnect, onHeaders, onData, onComplete,
 * onError), which its types mark deprecated, rather than the newer one: undici 7 runs a newer-style
 * handler through an adapter that makes two objects per request and turns every response header
 * and trailer into an object, where send needs only `Retry-After` (measured: about 5 % more
 * payloads per second). undici 7 is the major that supports Node 20; revisit with the next major.
 *
 * Against undici's public `dispatcher.request()` with `AbortSignal.timeout` (combined with the
 * caller's signal by `AbortSignal.any`, and the package index that puts `request()` on the Agent),
 * measured side by side with bench/send-compare.js (10,000 payloads of 15 KB, --concurrency 32,
 * 5 rounds alternating, medians): this handler 204 µs of CPU per request and 1,224 payloads/s,
 * `request()` 356 µs and 790 payloads/s. So it stays.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private retryAfter: string | undefined;
  private head: Buffer = EMPTY;
  private kept: Buffer[] | undefined;
  private abortExchange: ((error: Error) => void) | undefined;
  private settled = false;
  private timer: NodeJS.Timeout | undefined;
  private timedOut: Error | undefined;
  /** When the response head arrived (Date.now()), for the body's deadline. */
  private headAt = 0;
  /** Links in the list of exchanges in flight on `signal`. */
  private inFlight: InFlight | undefined;
  previous: ExchangeHandler | undefined;
  next: ExchangeHandler | undefined;

  private readonly signal: AbortSignal | undefined;
  private readonly bodyDeadlineMs: number | undefined;
  private readonly maxWholeBytes: number | undefined;
  private headers: HeaderList | undefined;
  private length = 0;
  private tooLarge = false;

  constructor(
    private readonly resolve: (response: DispatchedResponse) => void,
    private readonly reject: (error: Error) => void,
    limits: DispatchLimits,
  ) {
    const { signal, preciseTimeoutMs } = limits;
    this.signal = signal;
    this.bodyDeadlineMs = limits.bodyDeadlineMs;
    this.maxWholeBytes = limits.keepWhole?.maxBytes;
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
        if (this.abortExchange) this.abortExchange(timedOut);
        else this.settle(timedOut);
      }, preciseTimeoutMs);
    }
  }

  /** The caller's signal fired. */
  abort(): void {
    this.abortExchange?.(this.signal?.reason ?? new Error('aborted'));
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortExchange = abort;
    if (this.timedOut) abort(this.timedOut);
    else if (this.signal?.aborted) this.abort();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx informational responses come first and are not the answer.
    if (statusCode < 200) return true;
    this.status = statusCode;
    if (this.maxWholeBytes !== undefined) {
      const headers: HeaderList = [];
      for (let index = 0; index < rawHeaders.length; index += 2) {
        const name = (rawHeaders[index] as Buffer).toString('latin1');
        headers.push([name, (rawHeaders[index + 1] as Buffer).toString('utf8')]);
      }
      this.headers = headers;
    }
    for (let index = 0; index < rawHeaders.length; index += 2) {
      const name = rawHeaders[index] as Buffer;
      if (name.length === 11 && name.toString('latin1').toLowerCase() === 'retry-after') {
        this.retryAfter = (rawHeaders[index + 1] as Buffer).toString('latin1');
        break;
      }
    }
    if (this.bodyDeadlineMs !== undefined) this.headAt = Date.now();
    this.timer?.refresh();
    return true;
  }

  onData(chunk: Buffer): boolean {
    // Pauses are bounded by the timers; a body that keeps trickling in is bounded in total here,
    // checked as each chunk arrives (no timer per request).
    if (this.bodyDeadlineMs !== undefined && Date.now() - this.headAt > this.bodyDeadlineMs) {
      this.abortExchange?.(
        Object.assign(new Error(`the response body took longer than ${this.bodyDeadlineMs}ms`), {
          code: 'UND_ERR_BODY_TIMEOUT',
        }),
      );
      return false;
    }
    this.timer?.refresh();
    if (this.maxWholeBytes !== undefined) return this.keep(chunk, this.maxWholeBytes);
    if (this.head.length >= FIRST_LINE_BYTES) return true;
    if (this.head.length === 0) this.head = chunk;
    else {
      this.kept ??= [this.head];
      this.kept.push(chunk);
      this.head = Buffer.concat(this.kept);
    }
    return true;
  }

  /** `keepWhole`: every chunk, until the body passes `maxBytes`; then the exchange stops. */
  private keep(chunk: Buffer, maxBytes: number): boolean {
    this.length += chunk.length;
    if (this.length > maxBytes) {
      this.tooLarge = true;
      this.abortExchange?.(new Error('the response body is too large'));
      return false;
    }
    this.kept ??= [];
    this.kept.push(chunk);
    return true;
  }

  onComplete(): void {
    this.settle(undefined);
  }

  onError(error: Error): void {
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
    if (this.maxWholeBytes !== undefined && (!error || this.tooLarge)) {
      const head = this.tooLarge || !this.kept ? EMPTY : Buffer.concat(this.kept, this.length);
      const whole: DispatchedResponse = { status: this.status, retryAfter: this.retryAfter, head };
      whole.headers = this.headers ?? [];
      if (this.tooLarge) whole.tooLarge = true;
      this.resolve(whole);
    } else if (error) this.reject(error);
    else this.resolve({ status: this.status, retryAfter: this.retryAfter, head: this.head });
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
