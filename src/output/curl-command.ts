import type { HeaderList } from '../options/headers.js';

export interface CurlRequest {
  method: string;
  url: string;
  headers: HeaderList;
  /** Send this file's bytes (`--data-binary @file`); takes precedence over `body`. */
  bodyFile?: string;
  body?: Buffer;
}

// Linux refuses a single exec argument over 128 KiB (MAX_ARG_STRLEN); larger bodies go through
// the shell's builtin printf, which has no such limit.
const MAX_INLINE_BYTES = 100_000;
// Characters that would garble or disguise what a terminal shows: C0/C1 controls except tab and
// newline, DEL, zero-width and bidirectional marks, line/paragraph separators, BOM.
const UNPRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * A ready-to-run POSIX shell command that sends the request with curl. Every argument is
 * single-quoted. The body goes as `--data-binary @file`, inline with `--data-raw` when it is
 * printable UTF-8 (so a leading `@` is not read as a file name), or else piped from `printf` with
 * octal escapes, which reproduces any bytes exactly, NUL included.
 */
export function formatCurlCommand(request: CurlRequest): string {
  const args = ['-X', quote(request.method), quote(request.url)];
  const lines = [`curl ${args.join(' ')}`];
  for (const [name, value] of request.headers) lines.push(`-H ${quote(`${name}: ${value}`)}`);
  let pipeFrom: string | undefined;
  if (request.bodyFile !== undefined) {
    lines.push(`--data-binary ${quote(`@${request.bodyFile}`)}`);
  } else if (request.body !== undefined) {
    if (isPrintableUtf8(request.body) && request.body.length <= MAX_INLINE_BYTES) {
      lines.push(`--data-raw ${quote(request.body.toString('utf8'))}`);
    } else {
      pipeFrom = `printf ${quote(printfFormat(request.body))}`;
      lines.push('--data-binary @-');
    }
  }
  const command = lines.join(' \\\n  ');
  return pipeFrom ? `${pipeFrom} |\n  ${command}` : command;
}

/** `it's` → `'it'\''s'`: inside single quotes nothing is special except the quote itself. */
export function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function isPrintableUtf8(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) && !UNPRINTABLE.test(text);
}

/** A printf format that prints exactly `bytes`: printable ASCII as is, everything else `\ooo`. */
function printfFormat(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}
