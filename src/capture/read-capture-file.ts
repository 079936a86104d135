import { readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import type { Capture } from './capture.js';
import { parseCapture } from './decode-capture.js';

/**
 * Reads and checks one capture file. Errors read `webhook-cli: <file>: <what is wrong>`; only a
 * regular file of at most `maxBytes` is read (see readNamedFile).
 */
export async function readCaptureFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Capture> {
  return parseCapture(readNamedFile(path, path, maxBytes).toString('utf8'), path);
}
