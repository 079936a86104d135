import { InputError } from '../errors.js';
import { type HeaderList, isToken } from '../options/headers.js';
import { CAPTURE_MARKER, type Capture, sha256Hex } from './capture.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const KNOWN = new Set([
  '$webhookCli',
  'id',
  'receivedAt',
  'method',
  'path',
  'headers',
  'body',
  'sha256',
  'remoteAddress',
  'meta',
]);

/**
 * Checks a parsed capture document against the format (the same rules as
 * schemas/capture.schema.json, written out so that reading a capture does not load a validator)
 * and returns the capture with its exact body bytes. Throws `InputError` naming the file and the
 * first problem; the body's sha256 must match.
 */
export function fromCaptureDocument(value: unknown, source: string): Capture {
  const fail = (what: string): never => {
    throw new InputError(`${source}: not a valid capture: ${what}`, {
      hint: 'captures are written by `webhook-cli listen --save`; see docs/capture-format.md',
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  const doc = value as Record<string, unknown>;
  if (doc.$webhookCli !== CAPTURE_MARKER) {
    const marker = doc.$webhookCli;
    if (typeof marker === 'string' && /^capture\/v\d+$/.test(marker)) {
      throw new InputError(
        `${source}: unsupported capture version "${marker}" (this webhook-cli reads ${CAPTURE_MARKER})`,
        { hint: 'a newer webhook-cli wrote it; upgrade to read it' },
      );
    }
    // Shown only when it is short and plain: it comes from the file.
    return fail(`"$webhookCli" must be "${CAPTURE_MARKER}", found ${describeMarker(marker)}`);
  }
  for (const key of Object.keys(doc)) if (!KNOWN.has(key)) fail(`unknown field "${key}"`);
  if (typeof doc.id !== 'string' || doc.id === '' || doc.id.length > 200)
    fail('"id" must be a non-empty string');
  if (typeof doc.receivedAt !== 'string' || Number.isNaN(Date.parse(doc.receivedAt))) {
    fail('"receivedAt" must be an ISO 8601 date-time');
  }
  if (typeof doc.method !== 'string' || !isToken(doc.method)) fail('"method" must be an HTTP method');
  if (typeof doc.path !== 'string' || !doc.path.startsWith('/')) fail('"path" must start with "/"');
  if (!Array.isArray(doc.headers)) fail('"headers" must be a list of [name, value] pairs');
  const headers: HeaderList = [];
  (doc.headers as unknown[]).forEach((item, index) => {
    const pair = item as unknown[];
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      pair[0] === '' ||
      typeof pair[1] !== 'string'
    ) {
      fail(`headers[${index}] must be a [name, value] pair of strings`);
    }
    headers.push([pair[0] as string, pair[1] as string]);
  });
  const body = doc.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || typeof body.data !== 'string') {
    fail('"body" must be { "encoding": "utf8" | "base64", "data": string }');
  }
  const { encoding, data } = body as { encoding: unknown; data: string };
  let bytes: Buffer;
  if (encoding === 'utf8') bytes = Buffer.from(data, 'utf8');
  else if (encoding === 'base64') {
    if (data.length % 4 !== 0 || !BASE64.test(data)) fail('"body.data" is not valid base64');
    bytes = Buffer.from(data, 'base64');
  } else return fail('"body.encoding" must be "utf8" or "base64"');
  if (typeof doc.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(doc.sha256)) {
    fail('"sha256" must be 64 lowercase hex digits');
  }
  if (sha256Hex(bytes) !== doc.sha256) {
    fail('the body does not match its sha256 (the file was edited or damaged)');
  }
  const capture: Capture = {
    id: doc.id as string,
    receivedAt: doc.receivedAt as string,
    method: doc.method as string,
    path: doc.path as string,
    headers,
    body: bytes,
  };
  if (typeof doc.remoteAddress === 'string') capture.remoteAddress = doc.remoteAddress;
  if (typeof doc.meta === 'object' && doc.meta !== null) capture.meta = doc.meta as Record<string, unknown>;
  return capture;
}

/** What a wrong `$webhookCli` holds, shown only when short and plain (it comes from the file). */
function describeMarker(marker: unknown): string {
  if (marker === undefined) return 'nothing';
  if (typeof marker === 'string')
    return /^[\x20-\x7e]{0,40}$/.test(marker) ? `"${marker}"` : 'another string';
  if (typeof marker === 'number' || typeof marker === 'boolean' || marker === null) return String(marker);
  return Array.isArray(marker) ? 'a list' : 'an object';
}

/** Parses capture JSON text; malformed JSON is an `InputError` with the parser's message. */
export function parseCapture(text: string, source: string): Capture {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return fromCaptureDocument(value, source);
}
