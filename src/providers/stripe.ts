import type { ProviderDescription } from './types.js';

/**
 * Stripe.
 * Signature: https://docs.stripe.com/webhooks/signature
 *   `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>[,v1=...]`, keyed with
 *   the whole `whsec_...` string (not decoded). Several v1 values during secret rolls; v0 is a
 *   test-mode signature and is ignored.
 * Tolerance: stripe-node `Webhooks.constructEvent` (src/Webhooks.ts, DEFAULT_TOLERANCE = 300)
 *   checks the signature first, then the age only: a timestamp in the future passes.
 * Event: https://docs.stripe.com/api/events/object (`id` evt_..., `type`); the `evt_` prefix of
 *   event ids: https://docs.stripe.com/api/events/object#event_object-id.
 * Delivery: https://docs.stripe.com/webhooks ("Stripe sends events to your webhook endpoint as
 *   part of a POST request with a JSON payload"). Stripe's pages do not list the other headers;
 *   `User-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)` and the `charset=utf-8` content
 *   type are what Stripe's deliveries carry as received (the user agent names the docs page).
 */
export const stripe: ProviderDescription = {
  id: 'stripe',
  name: 'Stripe',
  docs: 'https://docs.stripe.com/webhooks/signature',
  summary:
    'POSTs an Event object (JSON: id evt_..., type, data.object) with Stripe-Signature: t=<unix>,v1=<hex>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}.{body}',
    format: {
      kind: 'pairs',
      header: 'Stripe-Signature',
      pairSeparator: ',',
      keyValueSeparator: '=',
      signatureKey: 'v1',
      timestampKey: 't',
    },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the endpoint's Signing secret (Dashboard → Developers → Webhooks → the endpoint), or the one `stripe listen` prints",
      example: 'whsec_3f9a0c2b7d6e5f4a3b2c1d0e9f8a7b6c',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'past',
      checked: 'after',
    },
  },
  detect: ['Stripe-Signature'],
  deliveryId: [{ json: 'id', startsWith: 'evt_' }],
  eventType: { in: { json: 'type' } },
  schema: 'stripe',
  delivery: {
    docs: 'https://docs.stripe.com/webhooks',
    contentType: 'application/json; charset=utf-8',
    headers: { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
  },
};
