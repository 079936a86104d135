/** The key of the first line of every file `send --failed` writes. */
export const FAILED_FILE_KEY = '$webhookCliFailed';

/**
 * The first line of every `--failed` file. Only in a file (or standard input) that starts with it
 * does send follow `$webhookCliInput` references: anywhere else, a payload could make send read a
 * file the user never named and send it to the target. Other readers (validate) skip the line.
 */
export const FAILED_FILE_HEADER = `${JSON.stringify({ [FAILED_FILE_KEY]: 'v1', note: 'undelivered inputs written by webhook-cli send --failed' })}\n`;

const FAILED_FILE_PREFIX_TEXT = `{"${FAILED_FILE_KEY}":`;
const FAILED_FILE_PREFIX = Buffer.from(FAILED_FILE_PREFIX_TEXT);

/** Whether an input (or its first line) starts with the `--failed` header, exactly as send writes it. */
export function startsWithFailedFileHeader(input: Buffer | string): boolean {
  if (typeof input === 'string') return input.startsWith(FAILED_FILE_PREFIX_TEXT);
  return input.subarray(0, FAILED_FILE_PREFIX.length).equals(FAILED_FILE_PREFIX);
}
