import { fstatSync, writeSync } from 'node:fs';
import type { OutputStream } from '../deps.js';

/**
 * The file descriptor behind `stream` when it is redirected to a regular file (`listen --json >
 * deliveries.ndjson`): writing there never blocks or comes back short of a full disk, so another
 * thread may write to it directly, in order. Null for a terminal, a pipe, or a stream of a
 * program's own (the API's, a test's).
 */
export function regularFileDescriptor(stream: OutputStream): number | null {
  const { fd } = stream;
  if (typeof fd !== 'number') return null;
  try {
    return fstatSync(fd).isFile() ? fd : null;
  } catch {
    return null;
  }
}

/** Writes straight to `fd` (a regular file: see `regularFileDescriptor`), synchronously. */
export function fileDescriptorStream(fd: number): OutputStream {
  return {
    write(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      return true;
    },
  };
}
