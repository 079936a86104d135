import type { ProviderDescription } from './types.js';

/**
 * Mux.
 * Signature: https://www.mux.com/docs/core/verify-webhook-signatures
 *   `Mux-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing secret, "<t>.<body>")>`; "the
 *   only valid signature scheme is v1"; the signing secret differs per webhook endpoint and is
 *   used as text.
 * Rotation and tolerance: @mux/mux-node@15.3.0 src/resources/webhooks/webhooks.ts
 *   `Webhooks.verifySignature`: every `v1` in the header is tried; the signature is checked
 *   first, then the age against `tolerance = 300`; only age is checked (a timestamp in the future
 *   passes).
 * Event: the same file, `BaseWebhookEvent` (`id` "Unique identifier for the event", `type`).
 * Delivery: Mux's webhook spec, https://www.mux.com/webhook-spec.json (`"contentType":
 *   "application/json"`, `mux-signature` its only header); no other header or user agent is
 *   documented, so none is sent.
 */
export const mux: ProviderDescription = {
  id: 'mux',
  name: 'Mux',
  docs: 'https://www.mux.com/docs/core/verify-webhook-signatures',
  summary:
    'POSTs a JSON event { type, id, object, environment, data, created_at } with Mux-Signature: t=<unix>,v1=<hex>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}.{body}',
    format: {
      kind: 'pairs',
      header: 'Mux-Signature',
      pairSeparator: ',',
      keyValueSeparator: '=',
      signatureKey: 'v1',
      timestampKey: 't',
    },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the webhook's Signing Secret (Dashboard → Settings → Webhooks → the webhook)",
      example: 'kq3mplgnu8j1pc2lh5bfkpn5gqe0ofa1',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'past',
      checked: 'after',
    },
  },
  detect: ['Mux-Signature'],
  deliveryId: [{ json: 'id' }],
  eventType: { in: { json: 'type' } },
  delivery: {
    docs: 'https://www.mux.com/webhook-spec.json',
    contentType: 'application/json',
    headers: {},
  },
};
