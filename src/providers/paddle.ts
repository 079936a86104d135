import type { ProviderDescription } from './types.js';

/**
 * Paddle Billing (not Paddle Classic, which signs a `p_signature` form field with RSA).
 * Signature: https://developer.paddle.com/webhooks/about/signature-verification
 *   `Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256(secret key, "<ts>:<body>")>`;
 *   "Signatures contain at least one `h1`" (several during a secret key rotation), so any `h1`
 *   may match. The key is the destination's endpoint secret key (`pdl_ntfset_...`) used as text.
 * Tolerance: @paddle/paddle-node-sdk@3.10.0 dist/esm/notifications/helpers/webhooks-validator.js
 *   `WebhooksValidator.isValidSignature`: `MAX_VALID_TIME_DIFFERENCE = 5` seconds, checked before
 *   the HMAC, and only against age (`now > (ts + 5) * 1000` fails; a future `ts` passes); the
 *   docs page: "The SDK helper methods enforce a five-second timestamp tolerance by default".
 * Payload: https://developer.paddle.com/webhooks/about/how-webhooks-work (`notification_id`
 *   per destination and delivery, `event_id` per event, `event_type` like `transaction.paid`).
 * Delivery: https://developer.paddle.com/webhooks/about/respond-to-webhooks ("POST requests with a
 *   JSON payload"); Paddle documents no header besides Paddle-Signature, and no exact user agent
 *   (the page only says to "match Paddle as the user agent string"), so none is sent.
 */
export const paddle: ProviderDescription = {
  id: 'paddle',
  name: 'Paddle Billing',
  docs: 'https://developer.paddle.com/webhooks/about/signature-verification',
  summary:
    'POSTs a JSON notification { event_id, notification_id, event_type, occurred_at, data } with Paddle-Signature: ts=<unix>;h1=<hex>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}:{body}',
    format: {
      kind: 'pairs',
      header: 'Paddle-Signature',
      pairSeparator: ';',
      keyValueSeparator: '=',
      signatureKey: 'h1',
      timestampKey: 'ts',
    },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the notification destination's secret key (Paddle → Developer tools → Notifications → Edit destination), or endpoint_secret_key from GET /notification-settings/{id}",
      example: 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-seconds',
      toleranceSeconds: 5,
      direction: 'past',
      checked: 'before',
    },
  },
  detect: ['Paddle-Signature'],
  deliveryId: [{ json: 'notification_id' }, { json: 'event_id' }],
  eventType: { in: { json: 'event_type' } },
  delivery: {
    docs: 'https://developer.paddle.com/webhooks/about/respond-to-webhooks',
    contentType: 'application/json',
    headers: {},
  },
};
