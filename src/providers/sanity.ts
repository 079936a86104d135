import type { ProviderDescription } from './types.js';

/**
 * Sanity (GROQ-powered webhooks).
 * Signature: https://www.sanity.io/docs/webhooks (secret) as @sanity/webhook@4.0.4 implements it
 *   (dist/index.mjs): header `sanity-webhook-signature` (SIGNATURE_HEADER_NAME) holding
 *   `t=<Unix ms>,v1=<base64url, unpadded, HMAC-SHA256(secret, "<t>.<body>")>`
 *   (`encodeSignatureHeader`, `createHS256Signature`: the key is the secret's UTF-8 bytes; the
 *   timestamp "must be a unix timestamp with millisecond precision"); `decodeSignatureHeader`
 *   reads `/^t=(\d+)[, ]+v1=([^, ]+)$/`: one v1 signature.
 * Timestamp: the SDK checks none (no tolerance), so none is checked here (`--tolerance` sets one).
 * Event type and delivery id: the body is the webhook's own GROQ projection, so there is no
 *   fixed event field; https://www.sanity.io/docs/webhooks ("Headers") lists what every delivery
 *   carries: `sanity-operation` "Either create, update or delete" (the event type here),
 *   `idempotency-key` (the delivery id), `sanity-transaction-id`, `sanity-transaction-time`,
 *   `sanity-dataset`, `sanity-document-id`, `sanity-project-id`, `sanity-webhook-id`,
 *   `content-type: application/json` and `user-agent: Sanity.io webhook delivery`.
 * Delivery (`trigger`): those headers; the samples' bodies are the default projection (the whole
 *   document after the change; before it for `delete`).
 * No handshake.
 */
export const sanity: ProviderDescription = {
  id: 'sanity',
  name: 'Sanity',
  docs: 'https://www.sanity.io/docs/webhooks',
  summary:
    'POSTs the JSON projection the webhook defines with sanity-webhook-signature: t=<ms>,v1=<base64url HMAC-SHA256 of "<t>.<body>">.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}.{body}',
    format: {
      kind: 'pairs',
      header: 'sanity-webhook-signature',
      pairSeparator: ',',
      keyValueSeparator: '=',
      signatureKey: 'v1',
      timestampKey: 't',
    },
    encoding: 'base64url',
    secret: {
      decode: 'utf8',
      where:
        "the webhook's Secret (sanity.io/manage → the project → API → Webhooks → the webhook), chosen by you",
      example: 'sanity-webhook-secret-5c8e1f0a',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-ms',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['sanity-webhook-signature'],
  deliveryId: [{ header: 'idempotency-key' }],
  eventType: { in: { header: 'sanity-operation' } },
  delivery: {
    docs: 'https://www.sanity.io/docs/webhooks',
    contentType: 'application/json',
    headers: {
      'user-agent': 'Sanity.io webhook delivery',
      'idempotency-key': '{{id::22#idempotency}}',
      'sanity-transaction-id': '{{id::22#transaction}}',
      'sanity-transaction-time': '{{iso}}',
      'sanity-dataset': 'production',
      'sanity-document-id': '{{uuid#document}}',
      'sanity-project-id': 'w3bh00kc',
      'sanity-webhook-id': '{{id::16#webhook}}',
      'sanity-operation': '{{event}}',
    },
  },
};
