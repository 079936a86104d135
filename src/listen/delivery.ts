import type { HeaderList } from '../options/headers.js';
import type { VerifyReason } from '../signatures/types.js';

/**
 * One delivery after the listener has handled it: what the terminal renderer, `--json`, the
 * capture writer and the web inspector all consume. The core produces it; renderers never change it.
 */
export interface Delivery {
  /** The capture id (the `id` inside the capture file when saved; unique per listener run). */
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
    /** The schema that was chosen, or null when none could be (`message` says why). */
    schema: string | null;
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
  /** The provider the headers look like (src/providers/), or null. */
  provider?: string | null;
  /** The config file's route whose settings applied (its `path` and `events`), or null for the top level. */
  route?: DeliveryRoute | null;
  /** Path of the capture file, when saved. */
  savedTo: string | null;
  /** Why saving failed (disk full, directory removed), or null. */
  saveError: string | null;
  /** The body as shown and validated: decoded (gzip/deflate/br) and parsed once by the core. */
  content: DeliveryContent;
  /** False when `--path` did not match (answered 404) or the body was too large (413). */
  accepted: boolean;
}

/** A config file route, as a delivery names it. */
export interface DeliveryRoute {
  path: string;
  events?: readonly string[];
}

/**
 * What the body is, found once by the core so that renderers, validation and the inspector do not
 * parse it again. `bytes` are the decoded bytes (the same Buffer as `Delivery.body` when there was
 * no Content-Encoding).
 */
export type DeliveryContent =
  | { kind: 'empty' }
  /** `text` is the JSON source, `value` the parsed value. */
  | { kind: 'json'; text: string; value: unknown }
  /** application/x-www-form-urlencoded; `payload` is GitHub's `payload=` field parsed as JSON. */
  | { kind: 'form'; text: string; fields: Array<[string, string]>; payload?: unknown }
  /** `jsonError` when Content-Type said JSON but the text does not parse. */
  | { kind: 'text'; text: string; jsonError?: string }
  | { kind: 'binary'; bytes: Buffer; decodeError?: string };
