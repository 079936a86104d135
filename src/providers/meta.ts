import type { ProviderDescription } from './types.js';

/**
 * Meta (Graph API webhooks: WhatsApp Business Platform, Messenger, Instagram).
 * Signature: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint
 *   Meta's own SDK, https://github.com/WhatsApp/WhatsApp-Nodejs-SDK src/api/webhooks.ts and
 *   src/utils.ts generateXHub256Sig: `x-hub-signature-256: sha256=<hex HMAC-SHA256(App Secret,
 *   body)>`, the App Secret used as text, the body as received. Nothing time-based is signed.
 * Handshake: the same page, "GET requests": `GET <callback>?hub.mode=subscribe&hub.challenge=...
 *   &hub.verify_token=...`, answered 200 with the hub.challenge value (the SDK writes
 *   `searchParams.get('hub.challenge')` once hub.mode is subscribe and the verify token matches).
 * Event type: the body's `object` (`page`, `whatsapp_business_account`, `instagram`): Meta's
 *   sample https://github.com/fbsamples/original-coast-clothing app.js (`body.object === "page"`).
 *   No delivery id is documented: none is given.
 * Detection: GitHub sends the same header (with X-GitHub-Event, so GitHub wins); Meta's older
 *   SHA-1 `X-Hub-Signature` (the sample above) is not checked here.
 * Delivery: the same page: Meta POSTs the JSON notification `{ object, entry: [...] }` to the
 *   callback URL, with the signature header. No other header and no user agent is documented,
 *   and the Content-Type is not spelled out, so only `application/json` is sent (nor the older
 *   SHA-1 `X-Hub-Signature`, which the signer does not write).
 */
export const meta: ProviderDescription = {
  id: 'meta',
  aliases: ['whatsapp', 'facebook', 'instagram', 'messenger'],
  name: 'Meta (WhatsApp, Messenger, Instagram)',
  docs: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint',
  summary:
    'POSTs JSON { object, entry: [...] } with X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>; verifies the callback with GET ?hub.challenge=.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the app's App Secret, in the Meta App Dashboard",
      example: '0f5e7a1c9b3d2e4f6a8b0c1d2e3f4a5b',
    },
  },
  detect: ['X-Hub-Signature-256'],
  eventType: { in: { json: 'object' } },
  handshake: {
    kind: 'echo-query',
    query: 'hub.challenge',
    docs: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint',
  },
  delivery: {
    docs: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint',
    contentType: 'application/json',
    headers: {},
  },
};
