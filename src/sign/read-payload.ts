import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';

/** The exact bytes of a file, or of stdin for `-`. Unreadable files are an `InputError` (exit 2). */
export async function readPayload(input: string, deps: Pick<Deps, 'stdin' | 'cwd'>): Promise<Buffer> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of deps.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(deps.cwd, input));
  } catch (error) {
    throw new InputError(`${input}: cannot read: ${describeFsError(error)}`, { cause: error });
  }
}
