import { setMaxListeners } from 'node:events';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import type { HeaderList } from '../options/headers.js';
import { createBatchedWriter } from '../output/batched-writer.js';
import { createColors } from '../output/colors.js';
import type { CurlRequest } from '../output/curl-command.js';
import { formatDryRunJson, formatDryRunRequest } from '../output/send-dry-run.js';
import { formatSendJson } from '../output/send-json.js';
import { formatSendProgress } from '../output/send-progress.js';
import { formatSendResult, formatSendSummary } from '../output/send-report.js';
import { deliveryIdHeader } from '../signatures/signature-settings.js';
import type { RetryOn } from './backoff.js';
import { BodyPool } from './body-pool.js';
import { requestOrReason } from './build-request.js';
import { countPayloads } from './count-payloads.js';
import { createSigner } from './create-signer.js';
import { type DeliveryDeps, deliverWithRetry } from './deliver-with-retry.js';
import type { DeliveryOptions, DeliveryReport, SignWith } from './delivery-report.js';
import { type FailedFile, openFailedFile } from './failed-file.js';
import { loadAgent } from './load-agent.js';
import {
  allPayloads,
  type Payload,
  type PayloadItem,
  type PayloadReader,
  readPayloads,
} from './read-payloads.js';
import type { SendResult, SendSummary } from './send-result.js';

export interface SendOptions {
  inputs: string[];
  to: URL;
  method?: string;
  headers: HeaderList;
  dropHeaders: string[];
  sign?: SignWith;
  timeoutMs: number;
  dryRun: boolean;
  curl: boolean;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs?: number;
  retryOn: RetryOn;
  concurrency: number;
  /** Payload starts per second. */
  rate?: number;
  failFast: boolean;
  json: boolean;
  verbose: boolean;
  /** Where to write undelivered inputs (.jsonl of captures). */
  failedFile?: string;
  /** Payloads made by the caller (`trigger`), sent instead of reading `inputs`. */
  source?: readonly Payload[];
}

/** A progress line needs more than a handful of payloads to be worth drawing. */
const PROGRESS_MIN_PAYLOADS = 5;
const PROGRESS_INTERVAL_MS = 100;

/**
 * `webhook-cli send`: reads the inputs one by one, delivers each with retries (up to
 * `concurrency` at once, at most `rate` starts a second), reports every input, writes the
 * undelivered ones to `--failed`. Exit 0 when all were delivered, 1 otherwise.
 */
export async function runSend(options: SendOptions, deps: Deps): Promise<ExitCode> {
  const failed =
    options.failedFile && !options.dryRun
      ? await openFailedFile(resolve(deps.cwd, options.failedFile), options.failedFile)
      : undefined;
  try {
    return options.dryRun ? await dryRun(options, deps) : await sendAll(options, deps, failed);
  } catch (error) {
    await failed?.discard();
    throw error;
  }
}

async function sendAll(
  options: SendOptions,
  deps: Deps,
  failedFile: FailedFile | undefined,
): Promise<ExitCode> {
  const outColors = createColors(deps.stdout, deps.env);
  const errColors = createColors(deps.stderr, deps.env);
  // One write per event-loop turn rather than per payload when stdout is a file or a pipe; a
  // terminal gets each line at once, as the progress line shares it.
  const out = deps.stdout.isTTY
    ? { write: (text: string) => deps.stdout.write(text), flush() {} }
    : createBatchedWriter(deps.stdout);
  const Agent = await loadAgent();
  const agent: Dispatcher = new Agent({
    connections: options.concurrency,
    keepAliveTimeout: 30_000,
    connect: { timeout: options.timeoutMs },
  });
  const drain = new AbortController();
  const abort = new AbortController();
  // Every payload in flight listens on these two: as many listeners as --concurrency, by design.
  setMaxListeners(0, drain.signal, abort.signal);
  const countAbort = new AbortController();
  let stoppedBy: SendSummary['stoppedBy'];
  let inFlight = 0;
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts === 1) {
      stoppedBy = 'interrupted';
      drain.abort();
      progress.clear();
      deps.stderr.write(
        `${errColors.yellow('stopping')}: no new payloads; waiting for ${inFlight} in flight (Ctrl-C again to abort ${inFlight === 1 ? 'it' : 'them'})\n`,
      );
    } else if (interrupts === 2) {
      abort.abort();
      progress.clear();
      deps.stderr.write(
        `${errColors.yellow('aborting')} ${inFlight} in-flight request${inFlight === 1 ? '' : 's'}\n`,
      );
    }
  };

  const summary: SendSummary = {
    delivered: 0,
    failed: 0,
    badInputs: 0,
    notSent: 0,
    attempts: 0,
    elapsedMs: 0,
  };
  if (failedFile) summary.failedFile = options.failedFile as string;
  const started = deps.clock.now();
  const maxAttempts = options.retries + 1;
  const progress = createProgressLine(deps, started, summary);
  const removeHandlers = [deps.signals.on('SIGINT', onInterrupt), deps.signals.on('SIGTERM', onInterrupt)];
  if (options.source) progress.setTotal(options.source.length);
  else if (deps.stderr.isTTY) {
    countPayloads(options.inputs, deps.cwd, countAbort.signal).then(
      (total) => progress.setTotal(total),
      () => {},
    );
  }

  // Synchronous unless --failed has a line to write: one promise less per payload.
  const emit = (
    result: SendResult,
    item: PayloadItem,
    extraHeaders?: HeaderList,
  ): Promise<void> | undefined => {
    if (result.outcome === 'delivered') summary.delivered += 1;
    else if (result.outcome === 'failed') summary.failed += 1;
    else if (result.outcome === 'bad-input') summary.badInputs += 1;
    else summary.notSent += 1;
    summary.attempts += result.report?.attempts.length ?? 0;
    // The progress line shares the terminal only when stdout is one too (not when piped to jq).
    if (deps.stdout.isTTY) progress.clear();
    if (options.json) out.write(formatSendJson(result));
    else out.write(`${formatSendResult(result, outColors, options.verbose).join('\n')}\n`);
    progress.tick();
    if (result.outcome !== 'delivered' && failedFile) {
      const reason =
        result.message ??
        result.report?.error ??
        `${result.report?.status} ${result.report?.statusText ?? ''}`.trim();
      return failedFile
        .add(item, reason, new Date(deps.clock.now()).toISOString(), extraHeaders)
        .then(() => failFast(result));
    }
    failFast(result);
    return undefined;
  };
  const failFast = (result: SendResult) => {
    if (result.outcome === 'failed' || result.outcome === 'bad-input') {
      if (options.failFast && !stoppedBy) {
        stoppedBy = 'fail-fast';
        drain.abort();
      }
    }
  };
  const notSent = (item: PayloadItem) =>
    item.kind === 'bad'
      ? emit({ input: item.input, outcome: 'bad-input', maxAttempts, message: item.message }, item)
      : emit(
          {
            input: item.input,
            outcome: 'not-sent',
            maxAttempts,
            message: stoppedBy === 'fail-fast' ? 'stopped by --fail-fast' : 'stopped by Ctrl-C',
          },
          item,
        );

  let nextStartAt = Number.NEGATIVE_INFINITY;
  const waitForRate = async (): Promise<boolean> => {
    if (!options.rate) return true;
    const now = deps.clock.now();
    const at = Math.max(now, nextStartAt);
    nextStartAt = at + 1000 / options.rate;
    if (at <= now) return true;
    try {
      await deps.clock.sleep(at - now, drain.signal);
      return true;
    } catch {
      return false;
    }
  };

  // The same for every payload: made once per run.
  const deliveryOptions: DeliveryOptions = {
    retries: options.retries,
    minDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
    ...(options.maxElapsedMs !== undefined ? { maxElapsedMs: options.maxElapsedMs } : {}),
    timeoutMs: options.timeoutMs,
    retryOn: options.retryOn,
    ...(options.sign ? { sign: options.sign } : {}),
    signal: abort.signal,
    drain: drain.signal,
  };
  const deliveryDeps: DeliveryDeps = { dispatcher: agent, clock: deps.clock, random: deps.random };
  const idHeader = options.sign ? deliveryIdHeader(options.sign.provider) : undefined;
  const noHeaders: HeaderList = [];

  const send = async (payload: Payload) => {
    if (drain.signal.aborted || (options.rate !== undefined && !(await waitForRate()))) {
      await notSent(payload);
      return;
    }
    const request = requestOrReason(payload, options);
    if (typeof request === 'string') {
      await emit({ input: payload.input, outcome: 'bad-input', maxAttempts, message: request }, payload);
      return;
    }
    inFlight += 1;
    let report: DeliveryReport;
    try {
      report = await deliverWithRetry(request, deliveryOptions, deliveryDeps);
    } finally {
      inFlight -= 1;
    }
    const extra: HeaderList = idHeader && report.deliveryId ? [[idHeader, report.deliveryId]] : noHeaders;
    const written = emit(
      {
        input: payload.input,
        outcome: report.ok ? 'delivered' : 'failed',
        maxAttempts,
        report,
        url: request.url,
      },
      payload,
      extra,
    );
    if (written) await written;
  };

  // Bodies in flight plus a few read ahead: that many of each size are worth keeping.
  const pool = new BodyPool(options.concurrency + 4);
  const payloads = options.source
    ? fromList(options.source)
    : readPayloads(options.inputs, { cwd: deps.cwd, stdin: deps.stdin, pool });
  const worker = async () => {
    while (!drain.signal.aborted) {
      const item = await payloads.next();
      if (item === undefined) return;
      if (item.kind === 'bad') await notSent(item);
      else {
        await send(item);
        // Reported and written to --failed: nothing refers to the body any more.
        pool.release(item.body);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    // Stopped early: every input not started is still reported and listed in --failed.
    for (let item = await payloads.next(); item !== undefined; item = await payloads.next()) {
      await notSent(item);
      if (item.kind === 'payload') pool.release(item.body);
    }
  } finally {
    countAbort.abort();
    for (const remove of removeHandlers) remove();
    progress.clear();
    out.flush();
    await agent.close().catch(() => {});
  }
  summary.elapsedMs = deps.clock.now() - started;
  if (stoppedBy) summary.stoppedBy = stoppedBy;
  // In place before the summary says it was written; when it cannot be, the summary says nothing
  // of it and the error says where the list was kept.
  try {
    await failedFile?.commit();
  } catch (error) {
    delete summary.failedFile;
    deps.stderr.write(`${formatSendSummary(summary, errColors).join('\n')}\n`);
    throw error;
  }
  deps.stderr.write(`${formatSendSummary(summary, errColors).join('\n')}\n`);
  return summary.delivered === summary.delivered + summary.failed + summary.badInputs + summary.notSent
    ? ExitCode.ok
    : ExitCode.checkFailed;
}

async function dryRun(options: SendOptions, deps: Deps): Promise<ExitCode> {
  const colors = createColors(deps.stdout, deps.env);
  const errColors = createColors(deps.stderr, deps.env);
  let bad = 0;
  let count = 0;
  const formatCurl = options.curl ? (await import('../output/curl-command.js')).formatCurlCommand : undefined;
  const badInput = (input: string, message: string) => {
    bad += 1;
    const result: SendResult = { input, outcome: 'bad-input', maxAttempts: 1, message };
    deps.stdout.write(
      options.json ? formatSendJson(result) : `${formatSendResult(result, colors).join('\n')}\n`,
    );
  };
  for await (const item of options.source ??
    allPayloads(options.inputs, { cwd: deps.cwd, stdin: deps.stdin })) {
    if (item.kind === 'bad') {
      badInput(item.input, item.message);
      continue;
    }
    let request = requestOrReason(item, options);
    if (typeof request === 'string') {
      badInput(item.input, request);
      continue;
    }
    count += 1;
    if (options.sign) {
      const signer = createSigner(request.headers, options.sign);
      request = { ...request, headers: signer.headersFor(request.body, Math.floor(deps.clock.now() / 1000)) };
    }
    if (formatCurl) {
      const curl: CurlRequest = {
        method: request.method,
        url: request.url,
        headers: request.headers,
      };
      if (item.file !== undefined && request.body === item.body)
        curl.bodyFile = shownPath(item.file, deps.cwd);
      else curl.body = request.body;
      deps.stdout.write(`${formatCurl(curl)}\n`);
    } else if (options.json) {
      deps.stdout.write(formatDryRunJson(item.input, request));
    } else {
      deps.stdout.write(`${formatDryRunRequest(item.input, request, colors).join('\n')}\n`);
    }
  }
  deps.stderr.write(
    `${errColors.dim(`dry run: ${count} request${count === 1 ? '' : 's'} not sent${bad ? `, ${bad} bad input${bad === 1 ? '' : 's'}` : ''}`)}\n`,
  );
  return bad ? ExitCode.checkFailed : ExitCode.ok;
}

interface ProgressLine {
  setTotal(total: number): void;
  tick(): void;
  clear(): void;
}

/** The redrawn status line on a terminal's stderr: throttled, and cleared before any other output. */
function createProgressLine(deps: Deps, started: number, summary: SendSummary): ProgressLine {
  let total: number | undefined;
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  // Redrawn at once after being cleared for a report line; otherwise at most every 100ms.
  const done = () => summary.delivered + summary.failed + summary.badInputs + summary.notSent;
  if (!deps.stderr.isTTY) return { setTotal() {}, tick() {}, clear() {} };
  return {
    setTotal(value) {
      total = value;
    },
    tick() {
      const now = deps.clock.now();
      const count = done();
      if (Math.max(count, total ?? 0) <= PROGRESS_MIN_PAYLOADS) return;
      if (shown && now - lastDraw < PROGRESS_INTERVAL_MS) return;
      lastDraw = now;
      const line = formatSendProgress({
        done: count,
        ...(total !== undefined ? { total } : {}),
        delivered: summary.delivered,
        failed: count - summary.delivered,
        elapsedMs: now - started,
      });
      deps.stderr.write(`\r\x1b[K${line}`);
      shown = true;
    },
    clear() {
      if (shown) deps.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

function fromList(list: readonly Payload[]): PayloadReader {
  let index = 0;
  return { next: () => list[index++] };
}

/** A path as the user would type it in this directory: relative when inside it. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
