import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { readBoundedStream, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';

/**
 * The exact bytes of a file, or of stdin for `-`, at most `maxBytes` (`--max-file-size`). A file
 * that cannot be read, or is not a regular file, is an `InputError` (exit 2).
 */
export async function readPayload(
  input: string,
  deps: Pick<Deps, 'stdin' | 'cwd'>,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<Buffer> {
  if (input === '-') return readBoundedStream(deps.stdin, 'standard input', maxBytes);
  return readNamedFile(resolve(deps.cwd, input), input, maxBytes);
}
