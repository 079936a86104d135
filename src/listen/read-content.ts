import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { getHeader, type HeaderList } from '../options/headers.js';
import type { DeliveryContent } from './delivery.js';

const DECODERS = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
} as const;

/**
 * The body as a person and a validator see it: Content-Encoding undone (for display and
 * validation only; the raw bytes are what is verified, saved and forwarded), then classified and
 * parsed once. `maxDecoded` caps what a small compressed body may expand to.
 */
export async function readContent(
  body: Buffer,
  headers: HeaderList,
  maxDecoded: number,
): Promise<DeliveryContent> {
  let bytes = body;
  const encoding = getHeader(headers, 'content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity' && body.length > 0) {
    const decode = DECODERS[encoding as keyof typeof DECODERS];
    if (!decode) return { kind: 'binary', bytes: body, decodeError: `unknown Content-Encoding ${encoding}` };
    try {
      // 64 KB chunks, not zlib's 16 KB: a quarter of the round trips through the thread pool.
      bytes = await decode(body, { maxOutputLength: maxDecoded, chunkSize: 64 * 1024 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `decoded body is larger than ${maxDecoded} bytes`
          : `cannot decode ${encoding}: ${(error as Error).message}`;
      return { kind: 'binary', bytes: body, decodeError: why };
    }
  }
  return classifyContent(bytes, getHeader(headers, 'content-type'));
}

/** Decoded bytes + Content-Type → what kind of body this is, parsed. Pure. */
export function classifyContent(bytes: Buffer, contentType: string | undefined): DeliveryContent {
  if (bytes.length === 0) return { kind: 'empty' };
  if (!isUtf8(bytes)) return { kind: 'binary', bytes };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = bytes.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return parseForm(text);
  const saysJson = type === 'application/json' || type.endsWith('+json');
  // Without a JSON Content-Type, only text that looks like a JSON object or array is tried.
  if (saysJson || (type === '' && /^\s*[[{]/.test(text))) {
    try {
      return { kind: 'json', text, value: JSON.parse(text) };
    } catch (error) {
      if (saysJson) return { kind: 'text', text, jsonError: (error as Error).message };
    }
  }
  // NUL bytes mean a binary format even when the bytes happen to be valid UTF-8.
  if (type === '' && text.includes('\u0000')) return { kind: 'binary', bytes };
  return { kind: 'text', text };
}

function parseForm(text: string): DeliveryContent {
  const fields: Array<[string, string]> = [...new URLSearchParams(text)];
  const payloadField = fields.find(([name]) => name === 'payload');
  if (payloadField) {
    try {
      return { kind: 'form', text, fields, payload: JSON.parse(payloadField[1]) };
    } catch {
      // An ordinary field that happens to be called payload: shown as a field.
    }
  }
  return { kind: 'form', text, fields };
}

/** The value a schema is checked against: the JSON body, or GitHub's form `payload` field. */
export function payloadOf(
  content: DeliveryContent,
): { ok: true; value: unknown } | { ok: false; why: string } {
  if (content.kind === 'json') return { ok: true, value: content.value };
  if (content.kind === 'form' && 'payload' in content) return { ok: true, value: content.payload };
  if (content.kind === 'text' && content.jsonError) {
    return { ok: false, why: `the body is not valid JSON: ${content.jsonError}` };
  }
  if (content.kind === 'empty') return { ok: false, why: 'the body is empty, not JSON' };
  if (content.kind === 'binary' && content.decodeError) return { ok: false, why: content.decodeError };
  return {
    ok: false,
    why: `the body is ${content.kind === 'form' ? 'a form without a JSON payload field' : content.kind}, not JSON`,
  };
}
