import type { ProviderDescription } from './types.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com), used by Svix and the providers built on it.
 * Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64
 *   HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, several space-separated; the key is the base64
 *   after `whsec_`. The id must not contain `.` (the spec forbids it: the signed bytes would be
 *   ambiguous). Reference library `standardwebhooks` (javascript/src/index.ts): tolerance 5 min
 *   both ways, checked before the signatures; `svix-*` header names accepted too.
 */
export const standardWebhooks: ProviderDescription = {
  id: 'standard-webhooks',
  aliases: ['svix'],
  name: 'Standard Webhooks',
  docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md',
  summary:
    'POSTs JSON { type, timestamp, data } with webhook-id, webhook-timestamp and webhook-signature: v1,<base64> (Svix sends the same as svix-*).',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{id}.{timestamp}.{body}',
    format: { kind: 'versioned-list', header: 'webhook-signature', version: 'v1' },
    encoding: 'base64',
    secret: {
      decode: 'prefixed-base64',
      prefix: 'whsec_',
      where:
        "the endpoint's signing secret in the sender's dashboard (Svix: Webhooks → Endpoints → Signing Secret)",
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    },
    timestamp: {
      in: { header: 'webhook-timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    },
    id: { in: { header: 'webhook-id' }, generate: 'msg', forbid: '.' },
    alternateHeaders: {
      'webhook-id': 'svix-id',
      'webhook-timestamp': 'svix-timestamp',
      'webhook-signature': 'svix-signature',
    },
  },
  detect: ['webhook-signature'],
  deliveryId: [{ header: 'webhook-id' }, { header: 'svix-id' }],
  eventType: { in: { json: 'type' } },
  schema: 'standard-webhooks',
  // The spec's three headers; `webhook-timestamp` and `webhook-signature` are set again when each
  // attempt is signed. No user agent is specified. The body is JSON ("Payload structure").
  delivery: {
    docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#webhook-headers',
    contentType: 'application/json',
    headers: { 'webhook-id': '{{id:msg_:24}}', 'webhook-timestamp': '{{unix|string}}' },
  },
};
