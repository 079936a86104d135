import type { ProviderDescription } from './types.js';

/**
 * Telnyx (API v2 webhooks).
 * Signature: https://developers.telnyx.com/docs/development/sdk/node/webhooks
 *   ("an ED25519 signature carried in the telnyx-signature-ed25519 and telnyx-timestamp request
 *   headers", verified with the account's public key from the Mission Control Portal).
 * SDK: telnyx@7.24.0 lib/webhooks.js:TelnyxWebhook.verify
 *   - signed bytes: `${telnyx-timestamp}|${payload}`;
 *   - telnyx-signature-ed25519: base64 of the 64-byte Ed25519 signature;
 *   - the public key: base64 of the raw 32 bytes ("Telnyx provides keys in base64 format");
 *   - telnyx-timestamp: digits, Unix seconds (`Math.floor(Date.now() / 1000)`), rejected when
 *     more than 300 s away in either direction, checked before the signature.
 * Event type and delivery id: the envelope `{ data: { id, event_type, occurred_at, payload } }`,
 *   telnyx@7.24.0 resources/webhooks.d.ts (UnwrapWebhookEvent); the docs page above: "narrow on
 *   event.data?.event_type".
 * Delivery (`trigger`): https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks
 *   and https://developers.telnyx.com/docs/voice/programmable-voice/receiving-webhooks: a JSON POST
 *   `{ data: { record_type: "event", id, event_type, occurred_at, payload }, meta: { attempt,
 *   delivered_to } }`; its only headers besides the content type are the signature's two. No
 *   User-Agent is documented.
 */
export const telnyx: ProviderDescription = {
  id: 'telnyx',
  name: 'Telnyx',
  docs: 'https://developers.telnyx.com/docs/development/sdk/node/webhooks',
  summary:
    'POSTs JSON { data: { id, event_type, payload } } with telnyx-timestamp and telnyx-signature-ed25519: <base64 Ed25519 of "<timestamp>|<body>">.',
  signature: {
    algorithm: 'ed25519',
    signed: '{timestamp}|{body}',
    format: { kind: 'header', header: 'telnyx-signature-ed25519' },
    encoding: 'base64',
    publicKey: {
      form: 'base64-raw',
      where: "the account's public key in the Telnyx Mission Control Portal",
      example: 'eu2zvPjhY6odxV34Z/EsRiERvTodkev4Fq0SlK90Izg=',
    },
    timestamp: {
      in: { header: 'telnyx-timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['telnyx-signature-ed25519'],
  deliveryId: [{ json: 'data.id' }],
  eventType: { in: { json: 'data.event_type' } },
  delivery: {
    docs: 'https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks',
    contentType: 'application/json',
    headers: {},
  },
};
