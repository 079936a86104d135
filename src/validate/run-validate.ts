import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Deps, OutputStream } from '../deps.js';
import { ExitCode, UsageError } from '../errors.js';
import { createColors } from '../output/colors.js';
import { loadSchemaRegistry } from '../schemas/load-schema-registry.js';
import { chosenCacheDir, ValidatorCache } from '../schemas/validator-cache.js';
import { checkInputs } from './check-inputs.js';
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
  /** `--max-file-size`: the largest payload file, schema file or standard input read. */
  maxFileBytes: number;
  /**
   * The validator cache: `false` with `--no-cache`, `{ dir }` with `--cache-dir`; by default the
   * environment's cache directory (see defaultCacheDir), none when there is none.
   */
  cache?: false | { dir: string };
  /** `--threads`: threads that check files; `auto`: two when a second core is idle (chooseThreads). */
  threads?: number | 'auto';
}

/**
 * Helper threads start only for runs of more than this many files. Measured on this project's
 * 2-core machine (warm cache, `--schema github`, medians of 9 to 11 alternating runs), two threads
 * against one: 600 files 403 against 306 ms (GitHub payloads of 15 KB) and 450 against 375 ms (of
 * 2 KB), 1,500 files the same either way, 5,000 files 4-8 % faster, 10,000 files 7-19 %. A helper
 * costs its start, a second warm-up of the validators and a second heap before it pays.
 */
export const THREADS_AFTER = 2000;

/**
 * With validators still to compile, this thread checks this many files alone before the helpers
 * start, compiling and caching what they need (they would otherwise each compile it again).
 */
export const CHECK_FIRST = 500;

/** Milliseconds every core has spent so far, idle and in all (from `os.cpus()`), and how many cores. */
export interface CpuTimes {
  idle: number;
  total: number;
  cores: number;
}

export function cpuTimes(cores: ReturnType<typeof cpus> = cpus()): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const { times } of cores) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total, cores: cores.length };
}

/**
 * How many cores were idle between two readings, as a number of cores (0 to `cores`); undefined
 * when less than 20 ms passed, too little for the kernel's 10 ms ticks to tell.
 */
export function idleCores(before: CpuTimes, after: CpuTimes): number | undefined {
  const total = after.total - before.total;
  if (after.cores < 1 || total < 20 * after.cores) return undefined;
  return ((after.idle - before.idle) / total) * after.cores;
}

/**
 * `--threads auto`: a second thread only when a core is idle. Measured side by side on the shared
 * 2-core machine with every core busy (load average 15), two threads took 30 % more CPU (a second
 * Ajv runtime to warm up, a second heap) and longer wall time than one, so a busy machine gets one.
 * Whether a core is idle is measured over the run so far (`idle`, in cores, beside the one this
 * thread keeps busy); the 1-minute load average, used only when too little time has passed, lags:
 * it still said 1.99 just after a busy minute on an idle machine (100,000 files in one thread, 18.9
 * s against 10.5 s in two) and 0.4 with both cores busy.
 */
export function chooseThreads(
  requested: number | 'auto',
  cores: number,
  idle: number | undefined,
  loadAverage: number,
): number {
  if (requested !== 'auto') return requested;
  if (cores < 2) return 1;
  if (idle !== undefined) return idle >= 0.5 ? 2 : 1;
  return loadAverage <= cores - 1 ? 2 : 1;
}

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
  const requested = options.threads ?? 'auto';
  const cores = availableParallelism();
  // Read only where `auto` may start a helper: the first reading takes about 0.4 ms.
  const cpuAtStart = requested === 'auto' && cores >= 2 ? cpuTimes() : undefined;
  const cacheDir = chosenCacheDir(options.cache, deps);
  const cache =
    cacheDir === undefined
      ? undefined
      : new ValidatorCache(cacheDir, (message) => deps.stderr.write(`webhook-cli: warning: ${message}\n`));
  const registry = await loadSchemaRegistry(options.schemas, {
    cwd: deps.cwd,
    strict: options.strict,
    maxFileBytes: options.maxFileBytes,
    ...(cache ? { cache } : {}),
  });
  const output = await openReportOutput(options.output, deps);
  const renderer = await renderReport(options.format, {
    colors: await createColors(output.stream, deps.env),
    verbose: options.verbose,
    cwd: deps.cwd,
  });
  if (options.verbose) for (const line of registry.describe()) deps.stderr.write(`schema ${line}\n`);
  const summary: ValidateSummary = { files: 0, valid: 0, invalid: 0, errors: 0 };
  // A schema that does not compile is an error for each payload that needs it, and said once here
  // too, since a JSON, JUnit or SARIF report on stdout is not where people look for it.
  const brokenSchemas = new Set<string>();
  const emit = (report: FileReport) => {
    addToSummary(summary, report);
    for (const error of report.errors) {
      if (error.keyword !== 'schema' || brokenSchemas.has(error.message)) continue;
      brokenSchemas.add(error.message);
      deps.stderr.write(`webhook-cli: ${error.message}; every payload that needs it is an error\n`);
    }
    const text = renderer.file(report);
    if (text) output.stream.write(text);
  };
  // Every input yields at least one report: a directory or glob with nothing in it is an error.
  const checked = await checkInputs(
    {
      ...options,
      threads: requested === 'auto' ? Math.min(cores, 2) : requested,
      startHelpers: () => {
        const idle = cpuAtStart && idleCores(cpuAtStart, cpuTimes());
        return chooseThreads(requested, cores, idle, loadavg()[0] ?? 0) > 1;
      },
      threadsAfter: THREADS_AFTER,
      checkFirst: CHECK_FIRST,
      validatorsFromCache: () => cache !== undefined && cache.stats.loaded > 0 && cache.stats.compiled === 0,
      worker: { schemas: options.schemas, cwd: deps.cwd, strict: options.strict, cacheDir },
    },
    deps,
    registry,
    emit,
  );
  registry.saveCache();
  const rest = renderer.end(summary);
  for (const piece of typeof rest === 'string' ? [rest] : rest) output.stream.write(piece);
  await output.close();
  if (options.verbose && checked.declined) {
    deps.stderr.write('checked in one thread (--threads auto: no core was idle)\n');
  }
  if (options.verbose && checked.threads > 1) {
    const after =
      checked.after === 1
        ? 'the first file, its validators from the cache'
        : `the first ${checked.after} files`;
    deps.stderr.write(`checked in ${checked.threads} threads (after ${after})\n`);
  }
  if (options.verbose && cache) {
    const { loaded, compiled, rebuilt } = cache.stats;
    deps.stderr.write(
      `validator cache ${cache.dir}: ${loaded} loaded, ${compiled} compiled${rebuilt ? `, ${rebuilt} unusable entries rebuilt` : ''}\n`,
    );
  }
  const summaryColors = await createColors(deps.stderr, deps.env);
  if (options.output !== undefined || !renderer.summaryInReport) {
    deps.stderr.write(renderer.summary(summary, summaryColors));
  }
  if (summary.errors > 0) return ExitCode.usage;
  return summary.invalid > 0 ? ExitCode.checkFailed : ExitCode.ok;
}

export type { OutputStream };
