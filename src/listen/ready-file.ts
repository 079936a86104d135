import { randomBytes } from 'node:crypto';
import { lstat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeAtomicallySync } from '../capture/capture-writer.js';
import type { Deps } from '../deps.js';
import { InputError, UsageError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';

/** What `--ready-json` prints first and `--ready-file` contains: where to send deliveries. */
export interface ReadyInfo {
  type: 'listening';
  /** The URL to send to (with `--path` when given). */
  url: string;
  host: string;
  port: number;
}

export function readyInfo(listener: { url: string; host: string; port: number }, path?: string): ReadyInfo {
  return {
    type: 'listening',
    url: path ? `${listener.url}${path}` : listener.url,
    host: listener.host,
    port: listener.port,
  };
}

/**
 * A stale file from an earlier run is removed before the port is bound, so a script polling for
 * the file never reads an old URL. Only a regular file is removed; anything else is an error.
 */
export async function clearReadyFile(file: string, deps: Pick<Deps, 'cwd'>): Promise<void> {
  if (file === '')
    throw new UsageError("--ready-file: '' is not a file name", { hint: 'e.g. --ready-file ready.json' });
  const path = resolve(deps.cwd, file);
  const stats = await lstat(path).catch(() => undefined);
  if (stats === undefined) return;
  if (!stats.isFile()) throw new InputError(`--ready-file: ${file} exists and is not a regular file`);
  await unlink(path).catch((error: unknown) => {
    throw new InputError(`--ready-file: cannot replace ${file}: ${describeFsError(error)}`);
  });
}

/**
 * Once the port is bound: `--ready-json` prints the ready line first on stdout (before any delivery
 * line), `--ready-file` is written atomically (temp file, then rename; mode 0600) with the same
 * JSON. Returns what removes the file again when the listener stops.
 */
export async function announceReady(
  options: { readyJson?: boolean; readyFile?: string; path?: string },
  listener: { url: string; host: string; port: number },
  deps: Pick<Deps, 'cwd' | 'stdout'>,
): Promise<{ remove(): Promise<void> }> {
  const line = `${JSON.stringify(readyInfo(listener, options.path))}\n`;
  if (options.readyJson) deps.stdout.write(line);
  if (options.readyFile === undefined) return { remove: async () => {} };
  const file = options.readyFile;
  const path = resolve(deps.cwd, file);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeAtomicallySync(temp, path, line);
  } catch (error) {
    throw new InputError(`--ready-file: cannot write ${file}: ${describeFsError(error)}`);
  }
  return { remove: () => unlink(path).catch(() => {}) };
}
