import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { largerThanMaxFileSize } from '../options/max-file-size.js';
import { describeFsError, fillFromFile, NOT_A_REGULAR_FILE } from './expand-inputs.js';

/** A file the user named that cannot be used: `<path>: <reason>`; `reason` alone for reports. */
export class NamedFileError extends InputError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${path}: ${reason}`, options);
  }
}

// O_NONBLOCK: opening a FIFO does not wait for a writer (a blocking open would hang the process
// beyond the reach of Ctrl-C). It changes nothing for a regular file, the only kind then read.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens a file the user named, for reading: anything but a regular file (`/dev/zero`, a FIFO, a
 * socket, a terminal) and a file larger than `maxBytes` are a `NamedFileError`. The type and size
 * come from `fstat` on the open descriptor, so a file swapped after an earlier `stat` cannot slip
 * through. The caller closes the descriptor.
 */
export function openNamedFile(
  absolute: string,
  shown: string,
  maxBytes: number,
): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(absolute, OPEN_FLAGS);
  } catch (error) {
    // A socket cannot be opened at all (ENXIO).
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENXIO' ? NOT_A_REGULAR_FILE : `cannot read: ${describeFsError(error)}`;
    throw new NamedFileError(shown, reason, { cause: error });
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new NamedFileError(shown, 'cannot read: is a directory');
    if (!info.isFile()) throw new NamedFileError(shown, NOT_A_REGULAR_FILE);
    if (info.size > maxBytes) throw tooLarge(shown, maxBytes);
    return { fd, size: info.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * A named file's bytes (see `openNamedFile`), at most `maxBytes` of them even when the file grows
 * while it is read. `into(size)` may lend a buffer to read into (one byte longer than `size` at
 * least, so that growth shows); the result is then a view of it.
 */
export function readNamedFile(
  absolute: string,
  shown: string,
  maxBytes: number,
  into?: (size: number) => Buffer,
): Buffer {
  const { fd, size } = openNamedFile(absolute, shown, maxBytes);
  try {
    const buffer = into?.(size) ?? Buffer.allocUnsafe(size + 1);
    // Asked for one byte more than fstat said, a read that returns the size is at the end: one
    // system call per file instead of a second read that returns nothing. Anything else (a short
    // read, a file that grew or shrank) reads on until the end or the buffer is full.
    const first = readSync(fd, buffer, 0, Math.min(buffer.length, size + 1), null);
    const length = first === size ? first : fillFromFile(fd, buffer, first);
    if (length < buffer.length) return buffer.subarray(0, length);
    // Full: the file grew since fstat. Read on, but never past the bound.
    const chunks: Buffer[] = [buffer];
    let total = length;
    for (;;) {
      if (total > maxBytes) throw tooLarge(shown, maxBytes);
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
  } catch (error) {
    if (error instanceof NamedFileError) throw error;
    throw new NamedFileError(shown, `cannot read: ${describeFsError(error)}`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

/** Standard input read whole, at most `maxBytes` of it (`validate - < /dev/zero` must end). */
export async function readBoundedStream(
  stream: NodeJS.ReadableStream,
  shown: string,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > maxBytes) throw tooLarge(shown, maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(shown: string, maxBytes: number): NamedFileError {
  return new NamedFileError(shown, largerThanMaxFileSize(maxBytes));
}
