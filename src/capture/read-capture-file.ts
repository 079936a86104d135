import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { Capture } from './capture.js';
import { parseCapture } from './decode-capture.js';

/** Reads and checks one capture file. Errors read `webhook-cli: <file>: <what is wrong>`. */
export async function readCaptureFile(path: string): Promise<Capture> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error));
    throw new InputError(`${path}: cannot read: ${why}`, { cause: error });
  }
  return parseCapture(text, path);
}
