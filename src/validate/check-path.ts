import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { describeFsError, fillFromFile } from '../inputs/expand-inputs.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import type { FileReport } from './file-report.js';

export interface PathCheckOptions {
  event?: string;
  maxErrors: number;
}

/**
 * Reads one file and checks it. The read is synchronous on purpose: for many small files it is
 * several times faster than promise-based reads (measured in bench/validate.bench.js), and one
 * file at a time per thread bounds the memory held.
 */
export function checkPath(
  file: string,
  absolute: string,
  registry: SchemaRegistry,
  options: PathCheckOptions,
): FileReport {
  let bytes: Uint8Array;
  try {
    bytes = readInto(absolute);
  } catch (error) {
    return errorReport(file, {
      keyword: 'input',
      message: `cannot read: ${describeFsError(error)}`,
      line: 1,
      column: 1,
    });
  }
  return checkBytes(file, bytes, registry, { ...options, jsonLines: /\.(jsonl|ndjson)$/i.test(file) });
}

/** Files up to this size are read into one reused buffer instead of a new one per file. */
const SHARED_LIMIT = 1024 * 1024;
let shared = Buffer.allocUnsafe(64 * 1024);

/**
 * The file's bytes. Small files land in a buffer reused from file to file (10,000 files of 15 KB
 * would otherwise allocate 150 MB for the garbage collector); the view is only valid until the next
 * call, which is fine because each file is checked before the next is read.
 */
function readInto(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > SHARED_LIMIT) {
      const own = Buffer.allocUnsafe(size);
      const length = fillFromFile(fd, own);
      return own.subarray(0, length);
    }
    if (shared.length < size + 1)
      shared = Buffer.allocUnsafe(Math.min(SHARED_LIMIT + 1, Math.max(size + 1, shared.length * 2)));
    // Read one byte more than fstat said, in case the file grew; a file that keeps growing is read whole.
    const length = fillFromFile(fd, shared);
    if (length === shared.length) {
      const own = Buffer.concat([shared, readRest(fd)]);
      return own;
    }
    return shared.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function readRest(fd: number): Buffer {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, read));
  }
}
