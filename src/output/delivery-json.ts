import type { Delivery } from '../listen/delivery.js';
import { getHeader } from '../options/headers.js';
import { redactHeaders } from './delivery-text.js';

/** One `--json` line's fields; absent parts are null. `body` comes last (see `serializeDeliveryJson`). */
export interface DeliveryJson {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  /** [name, value] pairs in the order received; Authorization, Cookie, Proxy-Authorization redacted. */
  headers: Array<[string, string]>;
  event: string | null;
  deliveryId: string | null;
  /** Bytes received. */
  size: number;
  signature: { scheme: string; ok: boolean; reason: string | null } | null;
  validation: {
    schema: string | null;
    ok: boolean;
    errors: Array<{ pointer: string; message: string }>;
  } | null;
  forward: { url: string; status: number | null; ms: number; error: string | null } | null;
  response: { status: number };
  handshake: string | null;
  /** The provider the headers look like, or null. */
  provider: string | null;
  /** The config file route whose settings applied, or null (the top-level settings). */
  route: { path: string; events: string[] | null } | null;
  savedTo: string | null;
  /** How `body` is given: `json` (parsed), `utf8` (text), `base64` (bytes); null for no body. */
  encoding: 'json' | 'utf8' | 'base64' | null;
  body: unknown;
}

/** A delivery as the `--json` object. Pure. */
export function deliveryToJson(delivery: Delivery): DeliveryJson {
  const json = withoutBody(delivery);
  const { content } = delivery;
  switch (content.kind) {
    case 'json':
      json.encoding = 'json';
      json.body = content.value;
      break;
    case 'form':
    case 'text':
      json.encoding = 'utf8';
      json.body = content.text;
      break;
    case 'binary':
      json.encoding = 'base64';
      json.body = delivery.body.toString('base64');
      break;
  }
  return json;
}

/** Every field but the body (`encoding` and `body` null). */
function withoutBody(delivery: Delivery): DeliveryJson {
  const { signature, validation, forward } = delivery;
  return {
    id: delivery.id,
    receivedAt: delivery.receivedAt,
    method: delivery.method,
    path: delivery.path,
    headers: redactHeaders(delivery.headers),
    event: delivery.event,
    deliveryId: delivery.deliveryId,
    size: delivery.body.length,
    signature: signature && { scheme: signature.scheme, ok: signature.ok, reason: signature.reason ?? null },
    validation: validation && {
      schema: validation.schema,
      ok: validation.ok,
      // "no schema could be chosen" travels as an error without a pointer.
      errors:
        validation.message && validation.errors.length === 0
          ? [{ pointer: '', message: validation.message }]
          : validation.errors,
    },
    forward: forward && { url: forward.url, status: forward.status, ms: forward.ms, error: forward.error },
    response: { status: delivery.response.status },
    handshake: delivery.handshake,
    provider: delivery.provider ?? null,
    route: delivery.route
      ? { path: delivery.route.path, events: delivery.route.events ? [...delivery.route.events] : null }
      : null,
    savedTo: delivery.savedTo,
    encoding: null,
    body: null,
  };
}

// What JSON.stringify leaves raw but a terminal may act on: DEL, C1 controls, bidi overrides.
const TERMINAL_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINE = Buffer.from('}\n');

/** In UTF-8 those characters contain the byte 0x7f, 0xc2 (C1) or 0xe2 (bidi): bytes without them are safe. */
function mayBeTerminalUnsafe(bytes: Buffer): boolean {
  return bytes.includes(0x7f) || bytes.includes(0xc2) || bytes.includes(0xe2);
}

function escapeTerminalUnsafe(line: string): string {
  TERMINAL_UNSAFE.lastIndex = 0;
  if (!TERMINAL_UNSAFE.test(line)) return line;
  return line.replace(TERMINAL_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Lines encoded, or encoded and written, where the delivery was handled (src/listen/delivery-thread.ts). */
const encodedElsewhere = new WeakMap<Delivery, Buffer | 'written'>();

/**
 * Says that `line` is `encodeDeliveryJson(delivery)`, made by the thread that handled the delivery:
 * the listener's own thread then only writes it. `written`: that thread wrote it to stdout itself
 * (a file or a pipe, see delivery-worker.ts), and nothing is left to write.
 */
export function rememberDeliveryJson(delivery: Delivery, line: Buffer | 'written'): void {
  encodedElsewhere.set(delivery, line);
}

/** Whether the thread that handled the delivery already wrote its line (see `rememberDeliveryJson`). */
export function deliveryJsonWritten(delivery: Delivery): boolean {
  return encodedElsewhere.get(delivery) === 'written';
}

/** `encodeDeliveryJson` as one block of memory of its own, which a message can move to another thread. */
export function encodeDeliveryJsonLine(delivery: Delivery): Uint8Array {
  const chunks = encodeDeliveryJson(delivery);
  const line = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    line.set(chunk, at);
    at += chunk.length;
  }
  return line;
}

/**
 * One NDJSON line (with its newline) as the chunks to write. A JSON body is copied in as its source
 * text (the bytes received, or the decoded text when it came compressed) instead of being
 * re-serialised: faster, keys, number precision and duplicates stay exact, and a body nested too
 * deep for `JSON.stringify` still gets its line. Line breaks between tokens become spaces (in valid
 * JSON they cannot occur inside strings), and characters a terminal could act on are written as
 * `\uXXXX` escapes: the same JSON value, safe to print (they can only occur inside strings, where
 * the escape means the same character).
 */
export function encodeDeliveryJson(delivery: Delivery): Buffer[] {
  const known = encodedElsewhere.get(delivery);
  if (known instanceof Buffer) return [known];
  const { content, body } = delivery;
  if (content.kind !== 'json') {
    return [Buffer.from(`${escapeTerminalUnsafe(JSON.stringify(deliveryToJson(delivery)))}\n`)];
  }
  const encoded = getHeader(delivery.headers, 'content-encoding');
  const received = encoded === undefined || encoded.trim().toLowerCase() === 'identity';
  // The parsed value is not needed: the body goes in as its source text.
  const json = withoutBody(delivery);
  json.encoding = 'json';
  const head = escapeTerminalUnsafe(JSON.stringify(json));
  return [
    Buffer.from(head.slice(0, -'null}'.length)),
    oneLine(received ? body : Buffer.from(content.text)),
    NEWLINE,
  ];
}

/** JSON source on one line and safe to print (see `encodeDeliveryJson`). */
function oneLine(source: Buffer): Buffer {
  let bytes = source;
  const firstLf = source.indexOf(0x0a);
  const firstCr = source.indexOf(0x0d);
  if (firstLf !== -1 || firstCr !== -1) {
    // A pretty-printed body has a line break every few dozen bytes: jumping from one to the next
    // with indexOf is several times faster than testing every byte in a loop (issue #18).
    bytes = Buffer.allocUnsafe(source.length);
    source.copy(bytes);
    for (let at = firstLf; at !== -1; at = bytes.indexOf(0x0a, at + 1)) bytes[at] = 0x20;
    for (let at = firstCr; at !== -1; at = bytes.indexOf(0x0d, at + 1)) bytes[at] = 0x20;
  }
  return mayBeTerminalUnsafe(bytes) ? Buffer.from(escapeTerminalUnsafe(bytes.toString('utf8'))) : bytes;
}

/** The NDJSON line as text (see `encodeDeliveryJson`). */
export function serializeDeliveryJson(delivery: Delivery): string {
  return Buffer.concat(encodeDeliveryJson(delivery)).toString('utf8');
}
