import { formatSize, parseSize } from './size.js';

/**
 * `--max-file-size <size>`, for every command that reads a named file or standard input whole
 * (validate, sign, verify): flags, help text and default in one place, spread into `.option(...)`.
 */
export const MAX_FILE_SIZE_OPTION = [
  '--max-file-size <size>',
  'largest file (payload, capture, schema) or standard input read; a larger one is an input error',
  '100mb',
] as const;

export const DEFAULT_MAX_FILE_BYTES = parseSize(MAX_FILE_SIZE_OPTION[2]);

/** What a file, line or stream over the bound is told: `larger than --max-file-size (100.0 MB)`. */
export function largerThanMaxFileSize(maxBytes: number): string {
  return `larger than --max-file-size (${formatSize(maxBytes)})`;
}

export function parseMaxFileSize(text: string): number {
  return parseSize(text, '--max-file-size');
}
