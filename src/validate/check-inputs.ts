import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Deps } from '../deps.js';
import { CliError } from '../errors.js';
import { describeFsError, expandInputBatches, type InputItem } from '../inputs/expand-inputs.js';
import { PAYLOAD_EXTENSIONS } from '../inputs/json-lines.js';
import { NamedFileError, readBoundedStream } from '../inputs/read-named-file.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import { checkPath } from './check-path.js';
import type { FileReport } from './file-report.js';

export interface CheckInputsOptions {
  inputs: string[];
  event?: string;
  maxErrors: number;
  /** `--max-file-size`, for files and standard input alike. */
  maxFileBytes: number;
  /** Threads that check files (this one included); 1 checks everything here. */
  threads: number;
  /** Helper threads start only for a run of more than this many files. */
  threadsAfter: number;
  /**
   * Asked once, when helpers could start: false keeps the run on this thread (`--threads auto`
   * finding no idle core). Absent, they start.
   */
  startHelpers?: () => boolean;
  /**
   * Files this thread checks alone before helpers start, compiling the validators they then load
   * from the cache; one is enough when its validators all came from the cache (`validatorsFromCache`).
   */
  checkFirst: number;
  /** True when every validator needed so far was loaded from the validator cache, none compiled. */
  validatorsFromCache: () => boolean;
  /** What a helper thread needs to load the same schemas. */
  worker: Omit<WorkerSetup, 'event' | 'maxErrors' | 'maxFileBytes'>;
}

/** What a helper thread is started with. */
export interface WorkerSetup {
  schemas: string[];
  cwd: string;
  strict: boolean;
  cacheDir: string | undefined;
  event: string | undefined;
  maxErrors: number;
  maxFileBytes: number;
}
/** A batch of files, as [shown path, absolute path]; or, once every batch is done, save the cache. */
export type WorkerJob = { id: number; files: Array<[string, string]> } | { saveCache: true };
export type WorkerReply =
  | { id: number; reports: FileReport[] }
  | { id: number; failure: { message: string; hint?: string } }
  | { cacheSaved: true };

const BATCH = 64;
/** Batches a helper thread holds at once: one to check, one waiting, so it never idles. */
const IN_FLIGHT = 2;
/** Batches done and not yet emitted (waiting for an earlier one): bounds the memory held. */
const MAX_WAITING = 32;
/**
 * A helper's young generation, in MB. V8's default lets it grow to 32 MB of semi-spaces, most of it
 * the garbage of files already checked; 8 MB took 25 MB off the peak memory of 100,000 files
 * checked in two threads (213 against 238 MB, two runs each), in the same time.
 */
const HELPER_YOUNG_GENERATION_MB = 8;

/**
 * Checks every input and hands the reports to `emit` in input order. With `threads` > 1 and more
 * than `threadsAfter` files, helper threads check batches of files while this one walks the inputs,
 * checks batches too when the helpers are busy, and emits. They load the validators this thread
 * compiled from the validator cache, so they start without compiling (each compiled everything
 * again in the worker pool that was removed for being slower: see BENCHMARKS.md).
 */
export async function checkInputs(
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<{ threads: number; after?: number; declined?: boolean }> {
  const batches = expandInputBatches(options.inputs, {
    cwd: deps.cwd,
    extensions: PAYLOAD_EXTENSIONS,
    recursive: true,
  });
  // Helpers are worth starting for a long run only: its first files are listed (not read) to know.
  const ahead: InputItem[] = [];
  let filesAhead = 0;
  while (options.threads > 1 && filesAhead <= options.threadsAfter) {
    const next = await batches.next();
    if (next.done) break;
    ahead.push(...next.value);
    for (const item of next.value) if (item.kind === 'file') filesAhead += 1;
  }
  // What this thread has taken from `ahead`; the rest goes on to the helpers.
  let taken = 0;
  const rest = async function* () {
    yield* ahead.splice(taken);
    for await (const batch of batches) yield* batch;
  };
  const checkRestHere = async () => {
    for await (const item of rest()) emit(await checkItem(item, options, deps, registry));
  };
  if (filesAhead <= options.threadsAfter) {
    await checkRestHere();
    return { threads: 1 };
  }
  // This thread checks the first files alone, compiling the validators the helpers then load from
  // the cache; with a warm cache (nothing compiled), the first file is enough: 2-5 % off the wall
  // time of 10,000 GitHub payloads in two threads (1 408 against 1 475 ms, medians of 9).
  let checked = 0;
  while (checked < options.checkFirst && !(checked > 0 && options.validatorsFromCache())) {
    const item = ahead[taken]!;
    taken += 1;
    emit(await checkItem(item, options, deps, registry));
    if (item.kind === 'file') checked += 1;
  }
  if (options.startHelpers && !options.startHelpers()) {
    await checkRestHere();
    return { threads: 1, declined: true };
  }
  // The helpers load what this thread compiled from the cache, and save what they compile at the end.
  registry.saveCache();
  const script = new URL('./validate-worker.js', import.meta.url);
  // Run from the TypeScript sources (unit tests), there is no compiled worker script to start.
  if (!existsSync(fileURLToPath(script))) {
    await checkRestHere();
    return { threads: 1 };
  }
  await checkWithHelpers(rest(), script, options, deps, registry, emit);
  return { threads: options.threads, after: checked };
}

async function checkWithHelpers(
  items: AsyncGenerator<InputItem>,
  script: URL,
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const setup: WorkerSetup = {
    ...options.worker,
    event: options.event,
    maxErrors: options.maxErrors,
    maxFileBytes: options.maxFileBytes,
  };
  const helpers = Array.from({ length: options.threads - 1 }, () => ({
    worker: new Worker(script, {
      workerData: setup,
      resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB },
    }) as Worker,
    busy: 0,
  }));
  // Slots in input order; a helper's slot is filled when its batch comes back, and emitted once all
  // before it are.
  const slots: Array<FileReport[] | undefined> = [];
  let emitted = 0;
  let failure: CliError | undefined;
  let wake: (() => void) | undefined;
  const flush = () => {
    while (emitted < slots.length && slots[emitted] !== undefined) {
      for (const report of slots[emitted]!) emit(report);
      slots[emitted] = [];
      emitted += 1;
    }
  };
  let cacheSaves = 0;
  for (const helper of helpers) {
    helper.worker.on('message', (reply: WorkerReply) => {
      if ('cacheSaved' in reply) {
        cacheSaves += 1;
        wake?.();
        return;
      }
      helper.busy -= 1;
      if ('failure' in reply) failure ??= new CliError(reply.failure.message, { hint: reply.failure.hint });
      else slots[reply.id] = reply.reports;
      flush();
      wake?.();
    });
    helper.worker.on('error', (error: Error) => {
      failure ??= new CliError(`a validate thread failed: ${error.message}`);
      wake?.();
    });
  }
  const nextReply = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  type Files = Array<[string, string]>;
  const check = (batch: Files) => {
    const reports = batch.map(([file, path]) =>
      checkPath(file, path, registry, {
        event: options.event,
        maxErrors: options.maxErrors,
        maxFileBytes: options.maxFileBytes,
      }),
    );
    slots.push(reports);
    flush();
  };
  const dispatch = async (batch: Files) => {
    while (slots.length - emitted > MAX_WAITING && !failure) await nextReply();
    if (failure) throw failure;
    const helper = helpers.find((entry) => entry.busy < IN_FLIGHT);
    if (!helper) {
      check(batch);
      // Let the helpers' replies in between this thread's batches.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    helper.busy += 1;
    helper.worker.postMessage({ id: slots.length, files: batch } satisfies WorkerJob);
    slots.push(undefined);
  };
  try {
    let batch: Files = [];
    for await (const item of items) {
      if (item.kind === 'file') {
        batch.push([item.path, item.absolute]);
        if (batch.length >= BATCH) {
          await dispatch(batch);
          batch = [];
        }
        continue;
      }
      if (batch.length > 0) await dispatch(batch);
      batch = [];
      slots.push([await checkItem(item, options, deps, registry)]);
      flush();
    }
    if (batch.length > 0) await dispatch(batch);
    while (emitted < slots.length) {
      if (failure) throw failure;
      await nextReply();
    }
    if (failure) throw failure;
    // Validators first needed by a file a helper checked were compiled there: each helper writes
    // them to the cache (merged with what is there), so the next run loads them too.
    for (const helper of helpers) helper.worker.postMessage({ saveCache: true } satisfies WorkerJob);
    while (cacheSaves < helpers.length && !failure) await nextReply();
  } finally {
    await Promise.all(helpers.map(({ worker }) => worker.terminate()));
  }
}

async function checkItem(
  item: InputItem,
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
): Promise<FileReport> {
  const check = { event: options.event, maxErrors: options.maxErrors, maxFileBytes: options.maxFileBytes };
  if (item.kind === 'error') return inputError(item.path, item.message);
  if (item.kind === 'file') return checkPath(item.path, item.absolute, registry, check);
  let bytes: Buffer;
  try {
    bytes = await readBoundedStream(deps.stdin, '<stdin>', options.maxFileBytes);
  } catch (error) {
    if (error instanceof NamedFileError) return inputError('<stdin>', error.reason);
    return inputError('<stdin>', `cannot read: ${describeFsError(error)}`);
  }
  return checkBytes('<stdin>', bytes, registry, { ...check, jsonLines: false });
}

function inputError(file: string, message: string): FileReport {
  return errorReport(file, { keyword: 'input', message, line: 1, column: 1 });
}
