import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { createBatchedWriter } from '../output/batched-writer.js';
import { createColors } from '../output/colors.js';
import { formatSendJson } from '../output/send-json.js';
import { createSendProgressLine } from '../output/send-progress.js';
import { formatSendInterrupt, formatSendResult, formatSendSummary } from '../output/send-report.js';
import { BodyPool } from './body-pool.js';
import { countPayloads } from './count-payloads.js';
import { type FailedFile, openFailedFile } from './failed-file.js';
import { type Payload, readPayloads } from './read-payloads.js';
import { runDryRun } from './run-dry-run.js';
import { type BatchOptions, payloadSource, type SendListener, sendBatch } from './send-batch.js';
import type { SendResult, SendSummary } from './send-result.js';

export interface SendOptions extends BatchOptions {
  inputs: string[];
  dropHeaders: string[];
  dryRun: boolean;
  curl: boolean;
  json: boolean;
  verbose: boolean;
  /** Where to write undelivered inputs (.jsonl of captures). */
  failedFile?: string;
  /** Payloads made by the caller (`trigger`), sent instead of reading `inputs`. */
  source?: readonly Payload[];
  /** `--max-file-size`: the largest payload file, JSON line or standard input read (default 100 MB). */
  maxFileBytes?: number;
}

/**
 * `webhook-cli send`: the inputs read one by one (src/send/read-payloads.ts) go through the
 * delivery engine (src/send/send-batch.ts); each result is printed as it comes (stdout), with a
 * progress line on a terminal's stderr, and written to `--failed` when it was not delivered; the
 * summary goes to stderr. Exit 0 when all were delivered, 1 otherwise.
 */
export async function runSend(options: SendOptions, deps: Deps): Promise<ExitCode> {
  if (options.dryRun) return runDryRun(options, deps);
  const failed = options.failedFile
    ? await openFailedFile(resolve(deps.cwd, options.failedFile), options.failedFile)
    : undefined;
  try {
    return await sendAndReport(options, deps, failed);
  } catch (error) {
    await failed?.discard();
    throw error;
  }
}

async function sendAndReport(options: SendOptions, deps: Deps, failed: FailedFile | undefined) {
  const outColors = await createColors(deps.stdout, deps.env);
  const errColors = await createColors(deps.stderr, deps.env);
  // One write per event-loop turn rather than per payload when stdout is a file or a pipe; a
  // terminal gets each line at once, as the progress line shares it.
  const out = deps.stdout.isTTY
    ? { write: (text: string) => deps.stdout.write(text), flush() {} }
    : createBatchedWriter(deps.stdout);
  const progress = deps.stderr.isTTY ? createSendProgressLine(deps.clock.now()) : undefined;
  const counting = new AbortController();
  if (progress && options.source) progress.setTotal(options.source.length);
  else if (progress) {
    countPayloads(options.inputs, deps.cwd, counting.signal).then(
      (total) => progress.setTotal(total),
      () => {},
    );
  }
  const status = (text: string | undefined) => {
    if (text) deps.stderr.write(text);
  };
  // Bodies in flight plus a few read ahead: that many of each size are worth keeping.
  const pool = new BodyPool(options.concurrency + 4);

  const onEvent: SendListener = (event) => {
    if (event.kind !== 'result') {
      status(progress?.clear());
      status(`${formatSendInterrupt(event.kind, event.inFlight, errColors)}\n`);
      return;
    }
    const { result, item } = event;
    // The progress line shares the terminal only when stdout is one too (not when piped to jq).
    if (deps.stdout.isTTY) status(progress?.clear());
    out.write(
      options.json
        ? formatSendJson(result)
        : `${formatSendResult(result, outColors, options.verbose).join('\n')}\n`,
    );
    status(progress?.update(event.tally, deps.clock.now()));
    // Reported (and written to --failed): nothing refers to the body any more.
    const release = () => {
      if (item.kind === 'payload') pool.release(item.body);
    };
    if (result.outcome === 'delivered' || !failed) return release();
    const receivedAt = new Date(deps.clock.now()).toISOString();
    return failed.add(item, failureReason(result), receivedAt, event.deliveryHeaders).then(release);
  };

  let summary: SendSummary;
  try {
    const source = options.source
      ? payloadSource(options.source)
      : readPayloads(options.inputs, {
          cwd: deps.cwd,
          stdin: deps.stdin,
          pool,
          maxBytes: options.maxFileBytes,
        });
    summary = await sendBatch(source, options, deps, onEvent);
  } finally {
    counting.abort();
    status(progress?.clear());
    out.flush();
  }
  // In place before the summary says it was written; when it cannot be, the summary says nothing
  // of it and the error says where the list was kept.
  try {
    await failed?.commit();
  } catch (error) {
    deps.stderr.write(`${formatSendSummary(summary, errColors).join('\n')}\n`);
    throw error;
  }
  if (options.failedFile !== undefined) summary.failedFile = options.failedFile;
  deps.stderr.write(`${formatSendSummary(summary, errColors).join('\n')}\n`);
  const total = summary.delivered + summary.failed + summary.badInputs + summary.notSent;
  return summary.delivered === total ? ExitCode.ok : ExitCode.checkFailed;
}

/** What `--failed` notes for an input that was not delivered. */
function failureReason(result: SendResult): string {
  return (
    result.message ??
    result.report?.error ??
    `${result.report?.status} ${result.report?.statusText ?? ''}`.trim()
  );
}
