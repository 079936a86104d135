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
 * took 14 s for one line of 32 MB).
 */
export async function* splitLines(stream: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, start)) {
      const end = chunk.subarray(start, index);
      yield withoutTrailingCr(pending.length === 0 ? end : Buffer.concat([...pending, end]));
      pending = [];
      start = index + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield withoutTrailingCr(Buffer.concat(pending));
}
