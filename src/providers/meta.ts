import type { ProviderDescription } from './types.js';

/**
 * Meta (Facebook, Instagram, WhatsApp Cloud API, Messenger): Graph API webhooks.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 * - "Verification Requests": a GET with `hub.mode=subscribe`, `hub.challenge` and
 *   `hub.verify_token`; the endpoint answers with the `hub.challenge` value.
 * - "Event Notifications" → "Validating Payloads": POSTs JSON signed with
 *   `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, payload)>`; the payload is the
 *   body exactly as sent (Meta escapes unicode in it, so a re-serialised body will not match).
 * The JSON body names the kind of object changed in `object` (page, instagram,
 * whatsapp_business_account, ...).
 */
export const meta: ProviderDescription = {
  id: 'meta',
  aliases: ['facebook', 'whatsapp', 'instagram', 'messenger'],
  name: 'Meta (WhatsApp, Messenger, Instagram)',
  docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started',
  summary:
    'GETs ?hub.mode=subscribe&hub.challenge=... to verify the endpoint, then POSTs JSON { object, entry } with X-Hub-Signature-256: sha256=<hex>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: 'the App Secret (App Dashboard → App settings → Basic)',
      example: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    },
  },
  detect: ['X-Hub-Signature-256'],
  eventType: { in: { json: 'object' } },
  handshake: {
    kind: 'echo-query',
    query: 'hub.challenge',
    docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests',
  },
};
