import type { ProviderDescription } from './types.js';

/**
 * Square.
 * Signature: https://developer.squareup.com/docs/webhooks/step3validate
 *   `x-square-hmacsha256-signature: <base64 HMAC-SHA256(signature key, notification URL + body)>`;
 *   the same in square@46.0.0 wrapper/WebhooksHelper.js `WebhooksHelper.verifySignature`
 *   (`notificationUrl + requestBody`, key used as text, digest base64). The URL is the
 *   subscription's notification URL exactly as configured. No timestamp is signed.
 * Headers: https://developer.squareup.com/docs/webhooks/step2subscribe (the signature key is on
 *   the subscription's Endpoint Details page).
 * Payload: https://developer.squareup.com/reference/square/webhooks/order.updated
 *   (`merchant_id`, `type`, `event_id` "a unique ID for the event", `created_at`, `data`);
 *   https://developer.squareup.com/docs/webhooks/what-it-does uses `event_id` as the
 *   idempotency value.
 * Delivery (`trigger`): https://developer.squareup.com/docs/webhooks/step2subscribe ("Format of an
 *   event notification", its metadata headers): `square-environment` (`Production` or `Sandbox`),
 *   `square-initial-delivery-timestamp` (RFC 3339); `square-retry-number` and
 *   `square-retry-reason` come only on retries, so a first delivery has neither. JSON bodies
 *   ("Expect JSON data from a POST request", https://developer.squareup.com/docs/webhooks/how-it-works).
 *   Square documents no User-Agent.
 * Not described: the older `x-square-signature` (HMAC-SHA1) header, which Square's current
 *   docs and SDK no longer mention.
 */
export const square: ProviderDescription = {
  id: 'square',
  name: 'Square',
  docs: 'https://developer.squareup.com/docs/webhooks/step3validate',
  summary:
    'POSTs a JSON event { merchant_id, type, event_id, created_at, data } with x-square-hmacsha256-signature: <base64 HMAC of the notification URL + body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{url}{body}',
    format: { kind: 'header', header: 'x-square-hmacsha256-signature' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where:
        "the subscription's Signature Key (Developer Console → the application → Webhooks → Subscriptions → the endpoint → Signature Key → Show)",
      example: 'asdf1234QWERzxcv5678TY',
    },
  },
  detect: ['x-square-hmacsha256-signature'],
  deliveryId: [{ json: 'event_id' }],
  eventType: { in: { json: 'type' } },
  delivery: {
    docs: 'https://developer.squareup.com/docs/webhooks/step2subscribe',
    contentType: 'application/json',
    headers: {
      'square-environment': 'Sandbox',
      'square-initial-delivery-timestamp': '{{iso}}',
    },
  },
};
