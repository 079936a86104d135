import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Deps } from '../deps.js';
import { CliError, type ExitCode } from '../errors.js';
import { expandInputs, type InputItem } from '../inputs/expand-inputs.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import { checkPath } from './check-path.js';
import type { FileReport } from './file-report.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './worker-messages.js';

export interface CheckInputsOptions {
  inputs: string[];
  schemas: string[];
  strict: boolean;
  event?: string;
  maxErrors: number;
}

const EXTENSIONS = ['.json', '.jsonl', '.ndjson'];
/** Below this many files, starting workers (each loads Ajv and compiles) costs more than it saves. */
const WORKER_THRESHOLD = 400;
const BATCH = 32;
/** Batches sent to a worker and not yet answered: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * Checks every input and hands the reports to `emit` in input order, in this thread, or, when
 * `WEBHOOK_CLI_VALIDATE_WORKERS=<n>` asks for it and there are enough files, spread over n worker
 * threads while this thread walks the inputs and renders.
 */
export async function checkInputs(
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<void> {
  const items = expandInputs(options.inputs, { cwd: deps.cwd, extensions: EXTENSIONS, recursive: true });
  const head: InputItem[] = [];
  let exhausted = false;
  while (head.length < WORKER_THRESHOLD) {
    const next = await items.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }
  const all = chain(head, exhausted ? undefined : items);
  const workers = exhausted ? 0 : workerCount(deps);
  const script = new URL('./validate-worker.js', import.meta.url);
  // Run from TypeScript sources (tests), there is no compiled worker to start: check here instead.
  if (workers === 0 || !existsSync(fileURLToPath(script))) {
    for await (const item of all) emit(await checkHere(item, options, deps, registry));
    return;
  }
  await checkInWorkers(all, workers, script, options, deps, registry, emit);
}

/**
 * Worker threads are opt-in: on the shared 2-core machine of bench/validate.bench.js, two workers
 * made a 10,000-file run slower than one thread (BENCHMARKS.md has the figures), since
 * each worker loads Ajv and compiles the schemas again and the cores were already busy.
 */
function workerCount(deps: Deps): number {
  const configured = deps.env.WEBHOOK_CLI_VALIDATE_WORKERS;
  if (configured === undefined || !/^\d+$/.test(configured)) return 0;
  return Math.min(Number(configured), availableParallelism() * 2, 16);
}

async function* chain(
  head: InputItem[],
  rest: AsyncGenerator<InputItem> | undefined,
): AsyncGenerator<InputItem> {
  yield* head;
  if (rest) yield* rest;
}

async function checkHere(
  item: InputItem,
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
): Promise<FileReport> {
  const check = { event: options.event, maxErrors: options.maxErrors };
  if (item.kind === 'error') {
    return errorReport(item.path, { keyword: 'input', message: item.message, line: 1, column: 1 });
  }
  if (item.kind === 'stdin') {
    return checkBytes('<stdin>', await readStream(deps.stdin), registry, { ...check, jsonLines: false });
  }
  return checkPath(item.path, item.absolute, registry, check);
}

async function checkInWorkers(
  items: AsyncGenerator<InputItem>,
  count: number,
  script: URL,
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const setup: WorkerSetup = {
    schemas: options.schemas,
    cwd: deps.cwd,
    strict: options.strict,
    event: options.event,
    maxErrors: options.maxErrors,
  };
  const workers = Array.from({ length: count }, () => ({
    worker: new Worker(script, { workerData: setup }),
    busy: 0,
  }));
  // Slots in input order; a slot is filled when its batch comes back, and emitted once all before it are.
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
  const onReply = (entry: { busy: number }) => (reply: WorkerReply) => {
    entry.busy -= 1;
    if ('failure' in reply) {
      failure ??= new CliError(reply.failure.message, {
        hint: reply.failure.hint,
        exitCode: reply.failure.exitCode as ExitCode,
      });
    } else slots[reply.id] = reply.reports;
    wake?.();
  };
  const onError = (error: Error) => {
    failure ??= new CliError(`a validate worker failed: ${error.message}`);
    wake?.();
  };
  for (const entry of workers) {
    entry.worker.on('message', onReply(entry));
    entry.worker.on('error', onError);
  }
  const nextEvent = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  const send = async (files: WorkerJob['files']) => {
    let target = workers.reduce((best, entry) => (entry.busy < best.busy ? entry : best));
    while (target.busy >= IN_FLIGHT_PER_WORKER && !failure) {
      await nextEvent();
      flush();
      target = workers.reduce((best, entry) => (entry.busy < best.busy ? entry : best));
    }
    if (failure) throw failure;
    const id = slots.length;
    slots.push(undefined);
    target.busy += 1;
    target.worker.postMessage({ id, files } satisfies WorkerJob);
  };
  try {
    let batch: WorkerJob['files'] = [];
    for await (const item of items) {
      if (item.kind === 'file') {
        batch.push({ file: item.path, path: item.absolute });
        if (batch.length >= BATCH) {
          await send(batch);
          batch = [];
        }
        continue;
      }
      if (batch.length > 0) {
        await send(batch);
        batch = [];
      }
      slots.push([await checkHere(item, options, deps, registry)]);
      flush();
    }
    if (batch.length > 0) await send(batch);
    while (emitted < slots.length) {
      if (failure) throw failure;
      flush();
      if (emitted < slots.length) await nextEvent();
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map(({ worker }) => (worker as Worker).terminate()));
  }
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
