import { Readable } from 'node:stream';
import { type Deps, type OutputStream, realClock } from '../../deps.js';

/** What every API function accepts besides its own options. Nothing is printed unless a stream is given. */
export interface ApiIo {
  /**
   * Where the CLI's stderr would go: status lines, warnings, summaries. Default: nowhere. (What the
   * CLI prints on stdout is what the functions return.)
   */
  stderr?: OutputStream;
  /** Environment for `secretEnv` and `WEBHOOK_SECRET`. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

const nowhere: OutputStream = { write: () => true };

/**
 * The I/O of an API call: like the CLI's `processDeps()`, but silent unless given streams, and it
 * installs no signal handlers (the host program owns SIGINT and SIGTERM).
 */
export function apiDeps(io: ApiIo, stdin: Buffer = Buffer.alloc(0)): Deps {
  return {
    stdout: nowhere,
    stderr: io.stderr ?? nowhere,
    stdin: Readable.from([stdin]),
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    clock: realClock,
    random: Math.random,
    signals: { on: () => () => {} },
  };
}

/** A stream that keeps what is written, for the cores' `--json` views. */
export function collectingStream(): OutputStream & { text(): string } {
  const chunks: Buffer[] = [];
  return {
    write(chunk) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** `5` or `'5'` → `'5'`; undefined stays undefined. API options accept numbers where flags take text. */
export function flagText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** One value or several → a list, as a repeatable flag collects them. */
export function flagList(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : [...value];
}

/** A duration as a flag takes it (`'30s'`), or a number of milliseconds. */
export type Duration = string | number;

/** A size as a flag takes it (`'1mb'`), or a number of bytes. */
export type Size = string | number;

export function durationText(value: Duration | undefined): string | undefined {
  return typeof value === 'number' ? `${value}ms` : value;
}
