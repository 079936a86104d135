import type { Delivery, DeliveryContent } from '../listen/delivery.js';
import type { HeaderList } from '../options/headers.js';
import { type DisplayBody, displayBody } from './display-body.js';
import type { HeldDelivery } from './history-store.js';

/** One row of the page's list: small, sent for every delivery in the snapshot and live events. */
export interface DeliverySummary {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  event: string | null;
  deliveryId: string | null;
  size: number;
  signature: { scheme: string; ok: boolean; reason: string | null } | null;
  validation: { schema: string | null; ok: boolean; errorCount: number } | null;
  forward: { url: string; status: number | null; ok: boolean; error: string | null } | null;
  /** What the listener answered; 0 when unknown (a capture loaded from disk). */
  responseStatus: number;
  accepted: boolean;
  handshake: string | null;
  /** A check failed: bad signature, invalid payload, forward not 2xx, or rejected by the listener. */
  failed: boolean;
}

/** Everything the detail view shows. Payload data travels as JSON strings, never as markup. */
export interface DeliveryDetail extends DeliverySummary {
  headers: HeaderList;
  body: DisplayBody;
  remoteAddress: string | null;
  signatureDetail: Delivery['signature'];
  validationDetail: Delivery['validation'];
  forwardDetail: Delivery['forward'];
  /** The config file route whose settings applied, or null. */
  route: NonNullable<Delivery['route']> | null;
  savedTo: string | null;
  saveError: string | null;
}

function forwardOk(forward: NonNullable<Delivery['forward']>): boolean {
  return forward.error === null && forward.status !== null && forward.status >= 200 && forward.status < 300;
}

export function isFailedDelivery(delivery: HeldDelivery): boolean {
  return (
    !delivery.accepted ||
    delivery.signature?.ok === false ||
    delivery.validation?.ok === false ||
    (delivery.forward !== null && !forwardOk(delivery.forward))
  );
}

export function summarizeDelivery(delivery: HeldDelivery): DeliverySummary {
  const { signature, validation, forward } = delivery;
  return {
    id: delivery.id,
    receivedAt: delivery.receivedAt,
    method: delivery.method,
    path: delivery.path,
    event: delivery.event,
    deliveryId: delivery.deliveryId,
    size: delivery.body.length,
    signature: signature && { scheme: signature.scheme, ok: signature.ok, reason: signature.reason ?? null },
    validation: validation && {
      schema: validation.schema,
      ok: validation.ok,
      errorCount: validation.errors.length,
    },
    forward: forward && {
      url: forward.url,
      status: forward.status,
      ok: forwardOk(forward),
      error: forward.error,
    },
    responseStatus: delivery.response.status,
    accepted: delivery.accepted,
    handshake: delivery.handshake,
    failed: isFailedDelivery(delivery),
  };
}

/** `content`: the body decoded and classified for this answer (see content-of.ts). */
export function describeDelivery(delivery: HeldDelivery, content: DeliveryContent): DeliveryDetail {
  return {
    ...summarizeDelivery(delivery),
    headers: delivery.headers,
    body: displayBody(delivery, content),
    remoteAddress: delivery.remoteAddress ?? null,
    signatureDetail: delivery.signature,
    validationDetail: delivery.validation,
    forwardDetail: delivery.forward,
    route: delivery.route ?? null,
    savedTo: delivery.savedTo,
    saveError: delivery.saveError,
  };
}

/**
 * The free-text filter over what the inspector holds: case-insensitive, over the request line,
 * event, ids, headers and check messages. The body is searched by `contentMatchesText`.
 */
export function deliveryMatchesText(delivery: HeldDelivery, text: string): boolean {
  const needle = text.toLowerCase();
  const haystack = [
    delivery.id,
    delivery.method,
    delivery.path,
    delivery.event ?? '',
    delivery.deliveryId ?? '',
    ...delivery.headers.flat(),
    delivery.signature?.reason ?? '',
    delivery.signature?.detail ?? '',
    delivery.validation?.message ?? '',
    ...(delivery.validation?.errors.map((error) => `${error.pointer} ${error.message}`) ?? []),
    delivery.forward?.error ?? '',
  ];
  return haystack.some((part) => part.toLowerCase().includes(needle));
}

/** The free-text filter over a body's decoded text (none for empty and binary bodies). */
export function contentMatchesText(content: DeliveryContent, text: string): boolean {
  if (content.kind !== 'json' && content.kind !== 'form' && content.kind !== 'text') return false;
  return content.text.toLowerCase().includes(text.toLowerCase());
}
