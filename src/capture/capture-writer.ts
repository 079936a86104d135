import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { access, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Capture } from './capture.js';
import { serializeCapture } from './encode-capture.js';

const TEMP_PREFIX = '.tmp-';

/** True for names of files a writer is still writing (never read as captures). */
export function isTempCaptureName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/**
 * `20261126T193000123Z-000042-3f9a.json`: sorts by arrival time, then by arrival order within this
 * writer; the random part keeps two listeners saving to one folder apart. Nothing in it comes from
 * the request, so a payload can never choose where its capture lands.
 */
export function captureFileName(receivedAt: Date, sequence: number, random: string): string {
  const stamp = receivedAt.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${String(sequence).padStart(6, '0')}-${random}.json`;
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
 * Prepares `dir` (created when missing, must be writable, leftovers of interrupted writes removed)
 * and returns a writer for it.
 */
export async function openCaptureWriter(
  dir: string,
  options: CaptureWriterOptions = {},
): Promise<CaptureWriter> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new InputError(
      `cannot save captures in ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      {
        hint: 'choose a directory you can write to with --save',
        cause: error,
      },
    );
  }
  for (const name of await readdir(dir)) {
    if (isTempCaptureName(name)) await unlink(join(dir, name)).catch(() => {});
  }
  const writerTag = randomBytes(2).toString('hex');
  let sequence = 0;
  return {
    dir,
    async write(capture) {
      sequence += 1;
      const name = captureFileName(new Date(capture.receivedAt), sequence, writerTag);
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
