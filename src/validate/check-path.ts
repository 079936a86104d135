import { isJsonLinesFile } from '../inputs/json-lines.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import type { FileReport } from './file-report.js';

export interface PathCheckOptions {
  event?: string;
  maxErrors: number;
  /** `--max-file-size`: a larger file is an error, never read whole. */
  maxFileBytes: number;
}

/**
 * Reads one file and checks it. The read is synchronous on purpose: for many small files it is
 * several times faster than promise-based reads (measured in bench/validate.bench.js), and one
 * file at a time bounds the memory held. Only a regular file is read (see readNamedFile).
 */
export function checkPath(
  file: string,
  absolute: string,
  registry: SchemaRegistry,
  options: PathCheckOptions,
): FileReport {
  let bytes: Uint8Array;
  try {
    bytes = readNamedFile(absolute, file, options.maxFileBytes, lend);
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    return errorReport(file, { keyword: 'input', message: error.reason, line: 1, column: 1 });
  }
  return checkBytes(file, bytes, registry, { ...options, jsonLines: isJsonLinesFile(file) });
}

/** Files up to this size are read into one reused buffer instead of a new one per file. */
const SHARED_LIMIT = 1024 * 1024;
let shared = Buffer.allocUnsafe(64 * 1024);

/**
 * The buffer a file of `size` bytes is read into: small files land in one reused from file to file
 * (10,000 files of 15 KB would otherwise allocate 150 MB for the garbage collector); the view is
 * only valid until the next read, which is fine because each file is checked before the next.
 * One byte more than fstat said, in case the file grew.
 */
function lend(size: number): Buffer {
  if (size >= SHARED_LIMIT) return Buffer.allocUnsafe(size + 1);
  if (shared.length < size + 1) {
    shared = Buffer.allocUnsafe(Math.min(SHARED_LIMIT + 1, Math.max(size + 1, shared.length * 2)));
  }
  return shared;
}
