import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { Deps } from '../deps.js';
import { DispatchForms } from '../http/dispatch-form.js';
import { loadAgent } from '../http/load-agent.js';
import type { HeaderList } from '../options/headers.js';
import type { RetryOn } from './backoff.js';
import { createRequestBuilder, type RequestFlags } from './build-request.js';
import { type DeliveryDeps, deliverWithRetry } from './deliver-with-retry.js';
import type { DeliveryOptions, DeliveryReport, SignWith } from './delivery-report.js';
import { loadSigning } from './load-signing.js';
import type { Payload, PayloadItem } from './read-payloads.js';
import { countResult, type SendResult, type SendSummary } from './send-result.js';
import { createStartGate } from './start-gate.js';

/**
 * Where a batch takes its payloads from, one at a time. Workers call the iterator's `next()`
 * concurrently; each call must get its own item (async generators queue them, so they do). The
 * source must end: once the batch stops early (Ctrl-C, --fail-fast), the rest is read and
 * reported as not sent.
 */
export type PayloadSource = AsyncIterable<PayloadItem>;

/** A source of payloads made elsewhere (generated, or already in memory), in this order. */
export async function* payloadSource(items: Iterable<PayloadItem>): AsyncGenerator<PayloadItem> {
  yield* items;
}

export interface BatchOptions extends RequestFlags {
  sign?: SignWith;
  timeoutMs: number;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs?: number;
  retryOn: RetryOn;
  /** Payloads in flight at once (one connection each, from one keep-alive pool). */
  concurrency: number;
  /** Payload starts per second. */
  rate?: number;
  /** Start no new payload after the first that fails for good. */
  failFast: boolean;
}

export interface BatchDeps extends Pick<Deps, 'clock' | 'random' | 'signals'> {
  /** The HTTP client; an undici Agent of `concurrency` connections is made (and closed) otherwise. */
  dispatcher?: Dispatcher;
}

export type SendEvent =
  | {
      kind: 'result';
      /** How one item ended: exactly one per item of the source. */
      result: SendResult;
      /** The item it came from (what `--failed` writes). */
      item: PayloadItem;
      /** The delivery id header a signed payload was sent with (kept by `--failed`), else empty. */
      deliveryHeaders: HeaderList;
      /** The counts so far, this result included (the run's elapsed time is filled in at the end). */
      tally: Readonly<SendSummary>;
    }
  /** The first Ctrl-C: no new payloads; `inFlight` are let finish. */
  | { kind: 'stopping'; inFlight: number }
  /** The second Ctrl-C: the attempts in flight are aborted. */
  | { kind: 'aborting'; inFlight: number };

/**
 * Called for every event, as it happens (an interrupt event from within the signal handler). For a
 * result, a returned promise is awaited before that worker takes its next item; once it settles,
 * the batch holds no reference to the item (its body can be reused).
 */
export type SendListener = (event: SendEvent) => void | Promise<void>;

const NO_HEADERS: HeaderList = [];

/**
 * The delivery engine of `send` (and of anything else that sends payloads: `trigger` feeds the
 * payloads it generates through `payloadSource`): takes items from `source`, builds each request
 * from `options` (the --to URL, -X, -H, --drop-header), delivers it with retries and backoff,
 * re-signing every attempt when `options.sign` is set, `concurrency` at a time and at most `rate`
 * starts a second. Emits one `result` event per item (a bad item is a `bad-input` result) and
 * returns the summary. Renders nothing and writes nothing: the listener does.
 *
 * The first SIGINT/SIGTERM (from `deps.signals`) or, with `failFast`, the first payload that fails
 * for good stops new payloads from starting and lets those in flight finish without further
 * retries; a second signal aborts them. Every item not started is still reported (`not-sent`).
 *
 *     const summary = await sendBatch(payloadSource([payload]), options, deps, (event) => { ... });
 */
export async function sendBatch(
  source: PayloadSource,
  options: BatchOptions,
  deps: BatchDeps,
  listener: SendListener,
): Promise<SendSummary> {
  const agent: Dispatcher =
    deps.dispatcher ??
    new (await loadAgent())({
      connections: options.concurrency,
      keepAliveTimeout: 30_000,
      connect: { timeout: options.timeoutMs },
    });
  // After loading the client: the rate in the summary is the batch's own (first start to last end).
  const started = deps.clock.now();
  const drain = new AbortController();
  const abort = new AbortController();
  // Every payload in flight listens on these two: as many listeners as --concurrency, by design.
  setMaxListeners(0, drain.signal, abort.signal);
  const tally: SendSummary = { delivered: 0, failed: 0, badInputs: 0, notSent: 0, attempts: 0, elapsedMs: 0 };
  let stoppedBy: SendSummary['stoppedBy'];
  let inFlight = 0;
  let interrupts = 0;
  /** What the listener returned for the interrupt events: awaited before the batch returns. */
  const notices: Array<void | Promise<void>> = [];
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts === 1) {
      stoppedBy = 'interrupted';
      drain.abort();
      notices.push(listener({ kind: 'stopping', inFlight }));
    } else if (interrupts === 2) {
      abort.abort();
      notices.push(listener({ kind: 'aborting', inFlight }));
    }
  };
  const removeHandlers = [deps.signals.on('SIGINT', onInterrupt), deps.signals.on('SIGTERM', onInterrupt)];

  const maxAttempts = options.retries + 1;
  const deliveryOptions = deliveryOptionsOf(options, abort.signal, drain.signal);
  const deliveryDeps: DeliveryDeps = {
    dispatcher: agent,
    clock: deps.clock,
    random: deps.random,
    forms: new DispatchForms(),
  };
  const idHeader = options.sign ? (await loadSigning()).deliveryIdHeader(options.sign.provider) : undefined;

  /** Counts the result, applies --fail-fast, and hands it to the listener. */
  const report = (result: SendResult, item: PayloadItem, deliveryHeaders = NO_HEADERS) => {
    countResult(tally, result);
    if (options.failFast && !stoppedBy && (result.outcome === 'failed' || result.outcome === 'bad-input')) {
      stoppedBy = 'fail-fast';
      drain.abort();
    }
    return listener({ kind: 'result', result, item, deliveryHeaders, tally });
  };
  const notStarted = (item: PayloadItem) =>
    item.kind === 'bad'
      ? report({ input: item.input, outcome: 'bad-input', maxAttempts, message: item.message }, item)
      : report(
          {
            input: item.input,
            outcome: 'not-sent',
            maxAttempts,
            message: stoppedBy === 'fail-fast' ? 'stopped by --fail-fast' : 'stopped by Ctrl-C',
          },
          item,
        );

  const gate = options.rate === undefined ? undefined : createStartGate(options.rate, deps.clock);
  const requests = createRequestBuilder(options);

  const send = async (payload: Payload) => {
    if (drain.signal.aborted || (gate && !(await gate.wait(drain.signal)))) {
      return notStarted(payload);
    }
    const request = requests.orReason(payload);
    if (typeof request === 'string') {
      return report({ input: payload.input, outcome: 'bad-input', maxAttempts, message: request }, payload);
    }
    inFlight += 1;
    let delivery: DeliveryReport;
    try {
      delivery = await deliverWithRetry(request, deliveryOptions, deliveryDeps);
    } finally {
      inFlight -= 1;
    }
    return report(
      {
        input: payload.input,
        outcome: delivery.ok ? 'delivered' : 'failed',
        maxAttempts,
        report: delivery,
        url: request.url,
      },
      payload,
      idHeader && delivery.deliveryId ? [[idHeader, delivery.deliveryId]] : NO_HEADERS,
    );
  };

  const items = source[Symbol.asyncIterator]();
  const worker = async () => {
    while (!drain.signal.aborted) {
      const next = await items.next();
      if (next.done) return;
      await (next.value.kind === 'bad' ? notStarted(next.value) : send(next.value));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    // Stopped early: every item not started is still reported.
    for (let next = await items.next(); !next.done; next = await items.next()) await notStarted(next.value);
    await Promise.all(notices);
  } catch (error) {
    await items.return?.();
    throw error;
  } finally {
    for (const remove of removeHandlers) remove();
    if (!deps.dispatcher) await agent.close().catch(() => {});
  }
  tally.elapsedMs = deps.clock.now() - started;
  if (stoppedBy) tally.stoppedBy = stoppedBy;
  return tally;
}

/** The same for every payload of a batch: made once. */
function deliveryOptionsOf(options: BatchOptions, signal: AbortSignal, drain: AbortSignal): DeliveryOptions {
  const delivery: DeliveryOptions = {
    retries: options.retries,
    minDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
    timeoutMs: options.timeoutMs,
    retryOn: options.retryOn,
    signal,
    drain,
  };
  if (options.maxElapsedMs !== undefined) delivery.maxElapsedMs = options.maxElapsedMs;
  if (options.sign) delivery.sign = options.sign;
  return delivery;
}
