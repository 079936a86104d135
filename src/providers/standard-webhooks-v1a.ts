import type { ProviderDescription } from './types.js';

/**
 * Standard Webhooks, asymmetric signatures (`v1a`, Ed25519).
 * Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   (Signature scheme, Webhook headers; read at b2fa7b8719fb75d326b591077f5d1b385cfcdfae):
 *   the same signed content as `v1`, `msg_id.timestamp.payload` (`{id}.{timestamp}.{body}`), signed
 *   with "ed25519" instead of HMAC-SHA256; the signature identifier is `v1a`, so
 *   `webhook-signature` carries `v1a,<base64 signature>`, space-separated with any others
 *   (the spec's example sends `v1,<...> v1a,<...>`); keys are "base64 encoded, prefixed with
 *   `whsk_` for the secret key, and `whpk_` for the public key". The id must not contain `.`.
 *   `webhook-timestamp` is Unix seconds; the spec asks for "some allowable tolerance" without a
 *   number, so the 5 minutes both ways of the reference library's check of the same header
 *   (src/providers/standard-webhooks.ts) is used, checked before the signature.
 * The reference libraries do not implement v1a; the test builds its vector from the spec.
 * Detection: a v1a delivery has the same header names as a v1 one (the version is in the
 *   value), so `detect` is left out: `listen --verify auto` takes it for `standard-webhooks`.
 */
export const standardWebhooksV1a: ProviderDescription = {
  id: 'standard-webhooks-v1a',
  name: 'Standard Webhooks (v1a, Ed25519)',
  docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme',
  summary:
    'POSTs JSON with webhook-id, webhook-timestamp and webhook-signature: v1a,<base64 Ed25519 signature of "<id>.<timestamp>.<body>">, checked with a whpk_ public key.',
  signature: {
    algorithm: 'ed25519',
    signed: '{id}.{timestamp}.{body}',
    format: { kind: 'versioned-list', header: 'webhook-signature', version: 'v1a' },
    encoding: 'base64',
    publicKey: {
      form: 'prefixed-base64',
      prefix: 'whpk_',
      privatePrefix: 'whsk_',
      where: "the endpoint's public key (whpk_...) in the sender's dashboard",
      example: 'whpk_Kt8ZqQ3l3QkF1Vd6i1rZbq7WwVn3yQm0c2bXh8o9aJ4=',
    },
    timestamp: {
      in: { header: 'webhook-timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    },
    id: { in: { header: 'webhook-id' }, generate: 'msg', forbid: '.' },
  },
  deliveryId: [{ header: 'webhook-id' }],
  eventType: { in: { json: 'type' } },
  // The spec's three headers; `webhook-timestamp` and `webhook-signature` are set again when each
  // attempt is signed. No user agent is specified. The body is JSON ("Payload structure").
  delivery: {
    docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#webhook-headers',
    contentType: 'application/json',
    headers: { 'webhook-id': '{{id:msg_:24}}', 'webhook-timestamp': '{{unix|string}}' },
  },
};
