import type { ProviderDescription } from './types.js';

/**
 * Typeform.
 * Signature: https://www.typeform.com/developers/webhooks/secure-your-webhooks/
 *   `Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, raw body)>` ("create a hash (using
 *   secret as a key) of the entire received payload", "Encode the binary hash in base64",
 *   "Add prefix sha256="). The secret is the `secret` set on the webhook (Webhooks API
 *   `PUT /forms/{form_id}/webhooks/{tag}`, or the webhook's settings), used as text. No timestamp
 *   is signed.
 * Payload: https://www.typeform.com/developers/webhooks/example-payload/ (`event_id`,
 *   `event_type` `form_response`, `form_response`).
 * Delivery (`trigger`): the same example payload page (a JSON POST of that body); its only header
 *   besides the content type is `Typeform-Signature`, which the signer writes. No User-Agent is
 *   documented. Event types: `form_response` (that page) and `form_response_partial`, the other key
 *   of a webhook's `event_types` (https://www.typeform.com/developers/webhooks/reference/create-or-update-webhook/);
 *   no third one is documented, so Typeform has two samples.
 */
export const typeform: ProviderDescription = {
  id: 'typeform',
  name: 'Typeform',
  docs: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/',
  summary:
    'POSTs JSON { event_id, event_type: "form_response", form_response } with Typeform-Signature: sha256=<base64 HMAC of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'Typeform-Signature', prefix: 'sha256=' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where:
        "the webhook's secret (the form → Connect → Webhooks → Edit → Secret, or `secret` in PUT /forms/{form_id}/webhooks/{tag})",
      example: '9c0b8d1f2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c',
    },
  },
  detect: ['Typeform-Signature'],
  deliveryId: [{ json: 'event_id' }],
  eventType: { in: { json: 'event_type' } },
  delivery: {
    docs: 'https://www.typeform.com/developers/webhooks/example-payload/',
    contentType: 'application/json',
    headers: {},
  },
};
