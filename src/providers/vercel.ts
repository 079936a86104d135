import type { ProviderDescription } from './types.js';

/**
 * Vercel.
 * Signature: https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks:
 *   `x-vercel-signature: <hex HMAC-SHA1(secret, raw body)>`, no prefix; the secret is the
 *   webhook's secret (or, for an integration's webhooks, the integration's Client Secret), used
 *   as text. No timestamp.
 * Payload: https://vercel.com/docs/webhooks/webhooks-api (the payload section): `id` (the event id) and `type`
 *   (e.g. `deployment.created`).
 * Delivery (`trigger`): the same page: a JSON POST `{ id, type, createdAt (ms), region, payload }`;
 *   its only documented header is `x-vercel-signature`, which the signer writes. No User-Agent is
 *   documented.
 * No handshake.
 */
export const vercel: ProviderDescription = {
  id: 'vercel',
  name: 'Vercel',
  docs: 'https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks',
  summary:
    'POSTs JSON { id, type, createdAt, payload } with x-vercel-signature: <hex HMAC-SHA1 of the body>.',
  signature: {
    algorithm: 'hmac-sha1',
    signed: '{body}',
    format: { kind: 'header', header: 'x-vercel-signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the webhook's secret, shown once when it is created (Team Settings → Webhooks), or the integration's Client Secret",
      example: 'vercel-webhook-secret-2b7e4c9a1f',
    },
  },
  detect: ['x-vercel-signature'],
  deliveryId: [{ json: 'id' }],
  eventType: { in: { json: 'type' } },
  delivery: {
    docs: 'https://vercel.com/docs/webhooks/webhooks-api',
    contentType: 'application/json',
    headers: {},
  },
};
