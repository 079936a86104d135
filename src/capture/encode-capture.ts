import { isUtf8 } from 'node:buffer';
import { CAPTURE_MARKER, type Capture, type CaptureDocument, sha256Hex } from './capture.js';

/** Capture → JSON document. The body is utf8 text when the bytes are valid UTF-8, base64 otherwise. */
export function toCaptureDocument(capture: Capture): CaptureDocument {
  const utf8 = isUtf8(capture.body);
  const document: CaptureDocument = {
    $webhookCli: CAPTURE_MARKER,
    id: capture.id,
    receivedAt: capture.receivedAt,
    method: capture.method,
    path: capture.path,
    headers: capture.headers,
    body: utf8
      ? { encoding: 'utf8', data: capture.body.toString('utf8') }
      : { encoding: 'base64', data: capture.body.toString('base64') },
    sha256: sha256Hex(capture.body),
  };
  if (capture.remoteAddress !== undefined) document.remoteAddress = capture.remoteAddress;
  if (capture.meta !== undefined) document.meta = capture.meta;
  return document;
}

export function serializeCapture(capture: Capture): string {
  return `${JSON.stringify(toCaptureDocument(capture), null, 2)}\n`;
}
