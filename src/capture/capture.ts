import { createHash } from 'node:crypto';
import type { HeaderList } from '../options/headers.js';

export const CAPTURE_MARKER = 'capture/v1';

/** One delivery as saved on disk. `schemas/capture.schema.json` describes the JSON form. */
export interface CaptureDocument {
  $webhookCli: typeof CAPTURE_MARKER;
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  headers: HeaderList;
  body: { encoding: 'utf8' | 'base64'; data: string };
  sha256: string;
  remoteAddress?: string;
  meta?: Record<string, unknown>;
}

/** A capture in memory: the body as the exact bytes. */
export interface Capture {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  headers: HeaderList;
  body: Buffer;
  remoteAddress?: string;
  meta?: Record<string, unknown>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when a parsed JSON value is a capture rather than a raw payload. */
export function isCaptureDocument(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>).$webhookCli === CAPTURE_MARKER
  );
}
