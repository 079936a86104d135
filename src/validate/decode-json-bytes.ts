import { isUtf8 } from 'node:buffer';

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; offset: number };

/**
 * The checks that come before parsing, each with its own message: empty, a BOM, UTF-16, binary
 * (NUL bytes), invalid UTF-8. `offset` is a byte offset. All are cheap native scans.
 */
export function decodeJsonBytes(bytes: Uint8Array, what = 'file'): DecodeResult {
  if (bytes.length === 0) return { ok: false, message: `empty ${what}`, offset: 0 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      ok: false,
      message: `${what} starts with a UTF-8 byte order mark (BOM), which JSON does not allow (RFC 8259 §8.1); save it without the BOM`,
      offset: 0,
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: `${what} is UTF-16 text; JSON must be UTF-8`, offset: 0 };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return { ok: false, message: `binary ${what} (it contains NUL bytes), not JSON`, offset: nul };
  if (!isUtf8(bytes)) {
    return {
      ok: false,
      message: 'invalid UTF-8 byte sequence; JSON must be UTF-8',
      offset: firstInvalidUtf8(bytes),
    };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (text.trim() === '') return { ok: false, message: `empty ${what} (only whitespace)`, offset: 0 };
  return { ok: true, text };
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      index += 1;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else return index;
    let code = byte & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[index + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return index;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
    index += length;
  }
  return bytes.length;
}

/** 1-based line and column (in characters) of a byte offset. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = bytes.indexOf(0x0a);
    index !== -1 && index < offset;
    index = bytes.indexOf(0x0a, index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { line, column: prefix.length + 1 };
}
