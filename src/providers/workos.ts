import type { ProviderDescription } from './types.js';

/**
 * WorkOS.
 * Signature: https://workos.com/docs/events/data-syncing/webhooks (Validate the requests) and
 *   @workos-inc/node@8.13.0 lib/common/crypto/signature-provider.js `SignatureProvider`:
 *   `WorkOS-Signature: t=<Unix ms>, v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
 *   (`getTimestampAndSignatureHash` splits on "," then "="; `computeSignature` signs
 *   `${timestamp}.${payload}`; SubtleCryptoProvider keys HMAC-SHA256 with the secret's UTF-8
 *   bytes and writes hex). The SDK signs `JSON.stringify(payload)`, which is the body WorkOS
 *   sends; webhook-cli checks the raw body.
 * Timestamp: `verifyHeader` default `tolerance = 18e4` ms (180 s); it rejects
 *   `timestamp < Date.now() - tolerance` only (a future timestamp passes), before the signature.
 * Event: the body's `event` (e.g. `user.created`) and `id` (the event id).
 * Delivery (`trigger`): https://workos.com/docs/events (the event object `{ id, event, data,
 *   created_at }`, POSTed as JSON to the endpoint); the only other header is `WorkOS-Signature`,
 *   which the signer writes. No User-Agent is documented.
 * No handshake.
 */
export const workos: ProviderDescription = {
  id: 'workos',
  name: 'WorkOS',
  docs: 'https://workos.com/docs/events/data-syncing/webhooks',
  summary:
    'POSTs a JSON event { id, event, data, created_at } with WorkOS-Signature: t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}.{body}',
    format: {
      kind: 'pairs',
      header: 'WorkOS-Signature',
      pairSeparator: ',',
      keyValueSeparator: '=',
      signatureKey: 'v1',
      timestampKey: 't',
    },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the webhook endpoint's Secret (WorkOS Dashboard → Webhooks → the endpoint)",
      example: 'wk_secret_3f9a0c2b7d6e5f4a3b2c1d0e',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-ms',
      toleranceSeconds: 180,
      direction: 'past',
      checked: 'before',
    },
  },
  detect: ['WorkOS-Signature'],
  deliveryId: [{ json: 'id' }],
  eventType: { in: { json: 'event' } },
  delivery: {
    docs: 'https://workos.com/docs/events',
    contentType: 'application/json',
    headers: {},
  },
};
