import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deps, OutputStream } from '../deps.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { describeFsError, expandInputs } from '../inputs/expand-inputs.js';
import { createColors } from '../output/colors.js';
import { loadSchemaRegistry } from '../schemas/load-schema-registry.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import { addToSummary, type FileReport, type ValidateSummary } from './file-report.js';
import { openReportOutput } from './open-report-output.js';
import { renderReport, type ValidateFormat } from './render-report.js';

export interface ValidateOptions {
  inputs: string[];
  schemas: string[];
  format: ValidateFormat;
  output?: string;
  maxErrors: number;
  verbose: boolean;
  strict: boolean;
  event?: string;
}

const EXTENSIONS = ['.json', '.jsonl', '.ndjson'];
/** Files read at the same time; more does not help on a local disk and holds more in memory. */
const CONCURRENCY = 16;
/** Bytes read but not yet checked, at most: a 50 MB file waits for the others instead of piling up. */
const BYTE_BUDGET = 64 * 1024 * 1024;

export async function runValidate(options: ValidateOptions, deps: Deps): Promise<ExitCode> {
  if (options.inputs.length === 0) {
    throw new UsageError('validate needs at least one file, directory, quoted glob or -', {
      hint: 'e.g. webhook-cli validate fixtures/ --schema schemas/',
    });
  }
  if (options.schemas.length === 0) {
    throw new UsageError('validate needs --schema <file|directory|builtin>', {
      hint: 'e.g. --schema schemas/ or --schema github; `webhook-cli schemas` lists the builtins',
    });
  }
  if (options.inputs.filter((input) => input === '-').length > 1) {
    throw new UsageError("'-' (standard input) can be given only once");
  }
  const registry = await loadSchemaRegistry(options.schemas, { cwd: deps.cwd, strict: options.strict });
  const output = await openReportOutput(options.output, deps);
  const renderer = renderReport(options.format, {
    colors: createColors(output.stream, deps.env),
    verbose: options.verbose,
    cwd: deps.cwd,
  });
  if (options.verbose) for (const line of registry.describe()) deps.stderr.write(`schema ${line}\n`);
  const summary: ValidateSummary = { files: 0, valid: 0, invalid: 0, errors: 0 };
  const emit = (report: FileReport) => {
    addToSummary(summary, report);
    const text = renderer.file(report);
    if (text) output.stream.write(text);
  };
  await checkInputs(options, deps, registry, emit);
  if (summary.files === 0) {
    throw new InputError('no files to validate', {
      hint: 'directories are searched for *.json, *.jsonl and *.ndjson files',
    });
  }
  output.stream.write(renderer.end(summary));
  await output.close();
  const summaryColors = createColors(deps.stderr, deps.env);
  if (options.output !== undefined || !renderer.summaryInReport) {
    deps.stderr.write(renderer.summary(summary, summaryColors));
  }
  if (summary.errors > 0) return ExitCode.usage;
  return summary.invalid > 0 ? ExitCode.checkFailed : ExitCode.ok;
}

/** Reads inputs with bounded concurrency and hands their reports to `emit` in input order. */
async function checkInputs(
  options: ValidateOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<void> {
  const budget = new ByteBudget(BYTE_BUDGET);
  const pending: Array<Promise<FileReport>> = [];
  const check = (file: string, bytes: Uint8Array) =>
    checkBytes(file, bytes, registry, {
      event: options.event,
      maxErrors: options.maxErrors,
      jsonLines: /\.(jsonl|ndjson)$/i.test(file),
    });
  for await (const item of expandInputs(options.inputs, {
    cwd: deps.cwd,
    extensions: EXTENSIONS,
    recursive: true,
  })) {
    if (item.kind === 'error') {
      pending.push(
        Promise.resolve(
          errorReport(item.path, { keyword: 'input', message: item.message, line: 1, column: 1 }),
        ),
      );
    } else if (item.kind === 'stdin') {
      pending.push(readStream(deps.stdin).then((bytes) => check('<stdin>', bytes)));
    } else {
      const path = resolve(deps.cwd, item.path);
      pending.push(
        readBounded(path, budget).then(
          ({ bytes, release }) => {
            try {
              return check(item.path, bytes);
            } finally {
              release();
            }
          },
          (error: unknown) =>
            errorReport(item.path, {
              keyword: 'input',
              message: describeReadError(error),
              line: 1,
              column: 1,
            }),
        ),
      );
    }
    if (pending.length >= CONCURRENCY) emit(await pending.shift()!);
  }
  while (pending.length > 0) emit(await pending.shift()!);
}

async function readBounded(
  path: string,
  budget: ByteBudget,
): Promise<{ bytes: Uint8Array; release: () => void }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    await budget.acquire(size);
    try {
      return { bytes: await handle.readFile(), release: () => budget.release(size) };
    } catch (error) {
      budget.release(size);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

function describeReadError(error: unknown): string {
  return `cannot read: ${describeFsError(error)}`;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Admits reads while the bytes in flight stay under a limit; one read is always admitted. */
class ByteBudget {
  private used = 0;
  private waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async acquire(bytes: number): Promise<void> {
    while (this.used > 0 && this.used + bytes > this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used -= bytes;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

export type { OutputStream };
