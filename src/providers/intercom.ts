import type { ProviderDescription } from './types.js';

/**
 * Intercom.
 * Signature: https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications
 *   "The value of the hub_secret is used as the key to create a hash signature of the JSON
 *   notification ... sent using an X-Hub-Signature header": the hexadecimal (40-character)
 *   HMAC-SHA1 of the body (RFC 2104), the header starting with `sha1=`. The key is used as text.
 *   Nothing time-based is signed.
 * Delivery id and event type: the notification's `id` (`notif_...`) and `topic` (the example
 *   on the same page).
 * No SDK verifies it (intercom-client@7.0.3 has no webhook helper).
 * Delivery: https://developers.intercom.com/docs/references/webhooks/webhook-models (the
 *   notification object, a JSON body); no header besides X-Hub-Signature and no user agent is
 *   documented there, and the Content-Type is not spelled out, so only `application/json` is sent.
 */
export const intercom: ProviderDescription = {
  id: 'intercom',
  name: 'Intercom',
  docs: 'https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications',
  summary:
    'POSTs JSON { type: "notification_event", id, topic, data.item } with X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>.',
  signature: {
    algorithm: 'hmac-sha1',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Hub-Signature', prefix: 'sha1=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the webhook subscription's signing secret (hub_secret) in the Intercom Developer Hub",
      example: 'f2b7c9a1e4d6b8a0c3e5f7a9b1d3e5f7',
    },
  },
  detect: ['X-Hub-Signature'],
  deliveryId: [{ json: 'id' }],
  eventType: { in: { json: 'topic' } },
  delivery: {
    docs: 'https://developers.intercom.com/docs/references/webhooks/webhook-models',
    contentType: 'application/json',
    headers: {},
  },
};
