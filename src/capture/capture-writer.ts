import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { access, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';
import type { Capture } from './capture.js';
import { serializeCapture } from './encode-capture.js';

const TEMP_PREFIX = '.tmp-';

/** True for names of files a writer is still writing (never read as captures). */
export function isTempCaptureName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** What `captureId` makes: `20261126T193000123Z-000042-3f9a`. */
const CAPTURE_ID = /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{4}$/;
/** The temp file of a capture this writer (or an earlier listener) was writing; nothing else. */
const OWN_TEMP_FILE = /^\.tmp-\d{8}T\d{9}Z-\d{6}-[0-9a-f]{4}\.json$/;

/**
 * `20261126T193000123Z-000042-3f9a`: sorts by arrival time, then by arrival order within one
 * listener; the random part keeps two listeners saving to one folder apart. Nothing in it comes
 * from the request. It is both the capture's `id` and its file name (`<id>.json`), so an id seen
 * in `--json` output or the inspector leads straight to its file. `receivedAt` may be given as its
 * `toISOString()` already.
 */
export function captureId(receivedAt: Date | string, sequence: number, random: string): string {
  const iso = typeof receivedAt === 'string' ? receivedAt : receivedAt.toISOString();
  // `2026-11-26T19:30:00.123Z` → `20261126T193000123Z`, by position (it runs on every delivery);
  // years past 9999 (`+010000-…`) take the general way.
  const stamp =
    iso.length === 24
      ? `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20)}`
      : iso.replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${String(sequence).padStart(6, '0')}-${random}`;
}

/** `<captureId>.json`. */
export function captureFileName(receivedAt: Date, sequence: number, random: string): string {
  return `${captureId(receivedAt, sequence, random)}.json`;
}

export interface CaptureWriter {
  readonly dir: string;
  /** Writes atomically (temp file, then rename) with mode 0600; resolves to the file's path. */
  write(capture: Capture): Promise<string>;
}

export interface CaptureWriterOptions {
  /**
   * Write with blocking file calls: for a thread that does nothing else (listen's capture worker),
   * where four system calls cost less than four round trips through libuv's thread pool.
   */
  blocking?: boolean;
}

/**
 * Prepares `dir` (created mode 0700 when missing, must be writable, this tool's leftovers of
 * interrupted writes removed: nothing else in it is touched) and returns a writer for it. A capture
 * whose id is a `captureId` is written as `<id>.json`; any other id gets a name of the same form.
 */
export async function openCaptureWriter(
  dir: string,
  options: CaptureWriterOptions = {},
): Promise<CaptureWriter> {
  try {
    await makeDirectory(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new InputError(`cannot save captures in ${dir}: ${describeFsError(error)}`, {
      hint: 'choose a directory you can write to with --save',
      cause: error,
    });
  }
  for (const name of await readdir(dir)) {
    if (OWN_TEMP_FILE.test(name)) await unlink(join(dir, name)).catch(() => {});
  }
  const writerTag = randomBytes(2).toString('hex');
  let sequence = 0;
  return {
    dir,
    async write(capture) {
      sequence += 1;
      const name = CAPTURE_ID.test(capture.id)
        ? `${capture.id}.json`
        : captureFileName(new Date(capture.receivedAt), sequence, writerTag);
      const finalPath = join(dir, name);
      const tempPath = join(dir, `${TEMP_PREFIX}${name}`);
      if (options.blocking) {
        writeAtomicallySync(tempPath, finalPath, serializeCapture(capture));
        return finalPath;
      }
      const handle = await open(tempPath, 'wx', 0o600);
      try {
        await handle.writeFile(serializeCapture(capture));
      } finally {
        await handle.close();
      }
      try {
        await rename(tempPath, finalPath);
      } catch (error) {
        await unlink(tempPath).catch(() => {});
        throw error;
      }
      return finalPath;
    },
  };
}

/**
 * `mkdir -p` with mode 0700, one level at a time. Node 20's `mkdir({ recursive: true })` never
 * returns for a path whose parent exists but refuses children with ENOENT (`/proc/foo`): it
 * retries the parent forever. Here each level is tried at most twice, so every path ends.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeDirectory(parent);
  }
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** Temp file, then rename: a reader sees the whole capture or none; a failed write leaves nothing. */
export function writeAtomicallySync(tempPath: string, finalPath: string, text: string): void {
  const fd = openSync(tempPath, 'wx', 0o600);
  try {
    try {
      const bytes = Buffer.from(text);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, finalPath);
  } catch (error) {
    try {
      unlinkSync(tempPath);
    } catch {
      // Already gone (renamed, or never written): nothing to clean up.
    }
    throw error;
  }
}
