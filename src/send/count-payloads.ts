import { createReadStream } from 'node:fs';
import { expandInputs } from '../inputs/expand-inputs.js';
import { startsWithFailedFileHeader } from '../inputs/failed-file-header.js';
import { isJsonLinesFile, PAYLOAD_EXTENSIONS } from '../inputs/json-lines.js';

/**
 * How many payloads the inputs hold, for the progress line's total: names only for files, a byte
 * scan for JSON-lines files (non-blank lines), 1 for stdin. Reads nothing into memory.
 */
export async function countPayloads(
  inputs: readonly string[],
  cwd: string,
  signal?: AbortSignal,
): Promise<number> {
  let total = 0;
  for await (const item of expandInputs(inputs, { cwd, extensions: PAYLOAD_EXTENSIONS, recursive: false })) {
    if (signal?.aborted) break;
    if (item.kind === 'file' && isJsonLinesFile(item.path)) {
      total += await countLines(item.absolute).catch(() => 1);
    } else {
      total += 1;
    }
  }
  return total;
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let blank = true;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    // A --failed file's header line is not an input.
    if (first && startsWithFailedFileHeader(chunk)) lines -= 1;
    first = false;
    for (const byte of chunk) {
      if (byte === 10) {
        if (!blank) lines += 1;
        blank = true;
      } else if (byte !== 32 && byte !== 9 && byte !== 13) {
        blank = false;
      }
    }
  }
  return blank ? lines : lines + 1;
}
