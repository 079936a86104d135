/** File endings read as JSON Lines (one payload per line), in a directory walk and when named. */
export const JSON_LINES_EXTENSIONS = ['.jsonl', '.ndjson'] as const;

/** True for `events.jsonl`, `EVENTS.NDJSON`: a file read as JSON Lines, one payload per line. */
export function isJsonLinesFile(path: string): boolean {
  const lower = path.toLowerCase();
  return JSON_LINES_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** File endings read as payloads in a directory walk: whole JSON files and JSON Lines. */
export const PAYLOAD_EXTENSIONS = ['.json', ...JSON_LINES_EXTENSIONS] as const;
