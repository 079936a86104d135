import { fstatSync, writeSync } from 'node:fs';
import type { OutputStream } from '../deps.js';

/**
 * The file descriptor behind `stream` when another thread may write to it directly, in order: a
 * regular file (`listen --json > deliveries.ndjson`) or a pipe (`listen --json | jq`). Null for a
 * terminal, a socket, or a stream of a program's own (the API's, a test's).
 */
export function directDescriptor(stream: OutputStream): number | null {
  const { fd } = stream;
  if (typeof fd !== 'number') return null;
  try {
    const info = fstatSync(fd);
    return info.isFile() || info.isFIFO() ? fd : null;
  } catch {
    return null;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes straight to `fd` (see `directDescriptor`), synchronously. A full pipe (its reader is
 * slower: EAGAIN, since Node makes stdout's pipe non-blocking) is waited for, 50 µs at first and up
 * to a millisecond at a time while it stays full, so the writer slows down with the reader instead
 * of holding what it cannot write (waiting a whole millisecond each time cost a sixth of the rate
 * into `cat`, BENCHMARKS.md). Any other failure (the reader gone, a full disk) goes to `onError`,
 * and the chunk is dropped.
 */
export function fileDescriptorStream(fd: number, onError: (error: Error) => void): OutputStream {
  return {
    write(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let waitMs = 0.05;
      for (let at = 0; at < bytes.length; ) {
        try {
          at += writeSync(fd, bytes, at);
          waitMs = 0.05;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
            onError(error as Error);
            return false;
          }
          Atomics.wait(pause, 0, 0, waitMs);
          waitMs = Math.min(waitMs * 2, 1);
        }
      }
      return true;
    },
  };
}
