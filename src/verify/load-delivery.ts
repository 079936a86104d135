import { isCaptureDocument } from '../capture/capture.js';
import { fromCaptureDocument } from '../capture/decode-capture.js';
import type { Deps } from '../deps.js';
import { type HeaderList, withHeaders } from '../options/headers.js';
import { readPayload } from '../sign/read-payload.js';

export interface LoadedDelivery {
  body: Buffer;
  headers: HeaderList;
  /** True when the file was a capture (its headers are used; `-H` adds to or replaces them). */
  fromCapture: boolean;
  /** A capture's HTTP method (providers that sign it: HubSpot). */
  method?: string;
}

/**
 * A capture file gives its exact body bytes and headers; any other file is the raw body, with the
 * headers from `-H`. A capture that fails its own checks (e.g. the sha256) is an `InputError`.
 */
export async function loadDelivery(
  input: string,
  extraHeaders: HeaderList,
  deps: Pick<Deps, 'stdin' | 'cwd'>,
  maxBytes?: number,
): Promise<LoadedDelivery> {
  const bytes = await readPayload(input, deps, maxBytes);
  const source = input === '-' ? 'stdin' : input;
  const document = parseCaptureCandidate(bytes);
  if (document !== undefined) {
    const capture = fromCaptureDocument(document, source);
    return {
      body: capture.body,
      headers: withHeaders(capture.headers, extraHeaders),
      fromCapture: true,
      method: capture.method,
    };
  }
  return { body: bytes, headers: extraHeaders, fromCapture: false };
}

function parseCaptureCandidate(bytes: Buffer): unknown {
  // Only a JSON object can be a capture; skip parsing anything else (large or binary payloads).
  const start = bytes.findIndex((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  if (start === -1 || bytes[start] !== 0x7b || !bytes.includes('"$webhookCli"')) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isCaptureDocument(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
