import type { ProviderDescription } from './types.js';

/**
 * Razorpay.
 * Signature: https://razorpay.com/docs/webhooks/validate-test/ ("Validate Webhooks")
 *   `X-Razorpay-Signature: <hex HMAC-SHA256(webhook secret, raw body)>`; the same in
 *   razorpay@2.9.8 dist/utils/razorpay-utils.js `validateWebhookSignature` (key used as text,
 *   `digest('hex')`). The webhook secret is the one set when creating the webhook, not the API
 *   key secret. No timestamp is signed.
 * Delivery id: the same page, "Idempotency": `x-razorpay-event-id`, unique per event.
 * Event type: https://razorpay.com/docs/webhooks/payments (sample payloads: `event`,
 *   e.g. `payment.captured`, with `entity: "event"`, `contains`, `payload`, `created_at`).
 * Delivery (`trigger`): https://razorpay.com/docs/webhooks/ ("we send an HTTP POST payload in
 *   JSON"; Idempotency: the `x-razorpay-event-id` header, unique per event). The event id's form
 *   is not documented; a 14-character id is used. No User-Agent is documented.
 */
export const razorpay: ProviderDescription = {
  id: 'razorpay',
  name: 'Razorpay',
  docs: 'https://razorpay.com/docs/webhooks/validate-test/',
  summary:
    'POSTs a JSON event { entity: "event", event, contains, payload, created_at } with X-Razorpay-Signature: <hex HMAC of the body> and x-razorpay-event-id.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Razorpay-Signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        'the Secret entered when setting up the webhook (Dashboard → Account & Settings → Webhooks); not the API key secret',
      example: 'my-webhook-secret-2f8c1e',
    },
  },
  detect: ['X-Razorpay-Signature'],
  deliveryId: [{ header: 'x-razorpay-event-id' }],
  eventType: { in: { json: 'event' } },
  delivery: {
    docs: 'https://razorpay.com/docs/webhooks/',
    contentType: 'application/json',
    headers: { 'x-razorpay-event-id': '{{id::14#event}}' },
  },
};
