/** File endings read as JSON Lines (one payload per line), in a directory walk and when named. */
export const JSON_LINES_EXTENSIONS = ['.jsonl', '.ndjson'] as const;

/** True for `events.jsonl`, `EVENTS.NDJSON`: a file read as JSON Lines, one payload per line. */
export function isJsonLinesFile(path: string): boolean {
  const lower = path.toLowerCase();
  return JSON_LINES_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** File endings read as payloads in a directory walk: whole JSON files and JSON Lines. */
export const PAYLOAD_EXTENSIONS = ['.json', ...JSON_LINES_EXTENSIONS] as const;

/** A line without the CR of a CRLF ending. */
export function withoutTrailingCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
}

/**
 * Splits a byte stream on LF (dropping a CR before it), keeping bytes as bytes. A line longer than
 * a chunk is joined once, at its end, from the pieces it came in (joining it again at every chunk
 * took 14 s for one line of 32 MB). A line longer than `maxLineBytes` comes out as `null`, its
 * bytes dropped as they arrive, so one huge line costs no memory and the lines after it still come.
 */
export async function* splitLines(
  stream: AsyncIterable<Buffer> | Iterable<Buffer>,
  maxLineBytes = Number.POSITIVE_INFINITY,
): AsyncGenerator<Buffer | null> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  for await (const chunk of stream) {
    let start = 0;
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, start)) {
      const end = chunk.subarray(start, index);
      if (tooLong || pendingBytes + end.length > maxLineBytes + 1) yield null;
      else {
        const line = withoutTrailingCr(pending.length === 0 ? end : Buffer.concat([...pending, end]));
        yield line.length > maxLineBytes ? null : line;
      }
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = index + 1;
    }
    if (start < chunk.length && !tooLong) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      // One byte over, for the CR of a CRLF ending.
      if (pendingBytes > maxLineBytes + 1) {
        tooLong = true;
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (tooLong) yield null;
  else if (pending.length > 0) {
    const line = withoutTrailingCr(Buffer.concat(pending));
    yield line.length > maxLineBytes ? null : line;
  }
}
