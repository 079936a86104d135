import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Deps, OutputStream } from '../deps.js';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';

export interface ReportOutput {
  stream: OutputStream;
  close(): Promise<void>;
}

/** Pieces of the report are gathered up to this many characters, then written at once. */
const CHUNK = 64 * 1024;

/**
 * stdout, or the `-o` file (created or truncated now, so that a bad path fails before any work).
 * The file is written synchronously, in chunks: files are checked synchronously too, and a write
 * stream's queue grew with the whole report (100,000 files in JSON took the run past 250 MB).
 */
export async function openReportOutput(path: string | undefined, deps: Deps): Promise<ReportOutput> {
  if (path === undefined || path === '-') return { stream: deps.stdout, close: async () => {} };
  const failed = (error: unknown) =>
    new InputError(`--output ${path}: cannot write: ${describeFsError(error)}`);
  let fd: number;
  try {
    fd = openSync(resolve(deps.cwd, path), 'w', 0o666);
  } catch (error) {
    throw failed(error);
  }
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    try {
      const bytes = Buffer.from(text);
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      throw failed(error);
    }
  };
  return {
    stream: {
      write(chunk) {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        pending.push(text);
        size += text.length;
        if (size >= CHUNK) flush();
        return true;
      },
      isTTY: false,
    },
    async close() {
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}
