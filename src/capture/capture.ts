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

/** The key that marks a JSON document as a capture; its value names the format's version. */
export const CAPTURE_KEY = '$webhookCli';

/**
 * True when a parsed JSON value claims to be a capture (it has the `$webhookCli` key), whatever
 * version it names: a capture of another version, or a damaged marker, must be reported by
 * `fromCaptureDocument`, never sent or checked as if it were a raw payload.
 */
export function isCaptureDocument(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, CAPTURE_KEY)
  );
}
