import type { HeaderList } from '../options/headers.js';
import type { VerifyReason } from '../signatures/types.js';

/**
 * One delivery after the listener has handled it: what the terminal renderer, `--json`, the
 * capture writer and the web inspector all consume. The core produces it; renderers never change it.
 */
export interface Delivery {
  /** The capture id (also the capture file's base name when saved). */
  id: string;
  receivedAt: string;
  method: string;
  /** Path and query string as received. */
  path: string;
  headers: HeaderList;
  /** Exact bytes as received (still compressed when Content-Encoding says so). */
  body: Buffer;
  remoteAddress?: string;
  /** Event type found in headers or body (`issues.opened`, `invoice.paid`), or null. */
  event: string | null;
  /** The provider's delivery id (X-GitHub-Delivery, webhook-id, ...), or null. */
  deliveryId: string | null;
  signature: { scheme: string; ok: boolean; reason?: VerifyReason; detail?: string } | null;
  validation: {
    schema: string;
    ok: boolean;
    errors: Array<{ pointer: string; message: string }>;
    message?: string;
  } | null;
  forward: {
    url: string;
    status: number | null;
    ms: number;
    error: string | null;
    /** The app's response body (capped), for --verbose and the inspector. */
    body?: string;
  } | null;
  /** What the listener answered. */
  response: { status: number };
  /** A handshake answered automatically (Slack url_verification, hub.challenge), or null. */
  handshake: string | null;
  /** Path of the capture file, when saved. */
  savedTo: string | null;
  /** False when `--path` did not match (answered 404) or the body was too large (413). */
  accepted: boolean;
}
