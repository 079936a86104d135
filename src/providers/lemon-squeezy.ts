import type { ProviderDescription } from './types.js';

/**
 * Lemon Squeezy.
 * Signature: https://docs.lemonsqueezy.com/help/webhooks/signing-requests
 *   "Lemon Squeezy will use the signing secret to generate a hash of the payload and send the hash
 *   in the X-Signature header", "using an HMAC hex digest"; the secret is whatever text was
 *   entered when creating the webhook. The digest is SHA-256, as in Lemon Squeezy's own billing
 *   template, github.com/lmsqueezy/nextjs-billing src/app/api/webhook/route.ts
 *   (`crypto.createHmac("sha256", secret).update(rawBody).digest("hex")`). No timestamp is signed.
 * Headers and event: https://www.lemonsqueezy.com/docs/api/webhooks/ (`X-Event-Name` "with the
 *   name of the event", `X-Signature`; body `meta.event_name`). Lemon Squeezy documents no
 *   delivery id, so none is described.
 * Delivery: the same page: a POST whose JSON body is the event (`meta.event_name`, `meta.webhook_id`,
 *   `meta.custom_data`, and the resource as `data`), with `X-Event-Name`; sent as
 *   `application/json` (the page does not spell the Content-Type out). No user agent is
 *   documented, so none is sent.
 */
export const lemonSqueezy: ProviderDescription = {
  id: 'lemon-squeezy',
  name: 'Lemon Squeezy',
  docs: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests',
  summary:
    'POSTs a JSON:API resource { meta: { event_name }, data } with X-Event-Name and X-Signature: <hex HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        'the Signing secret entered when creating the webhook (Settings → Webhooks → the webhook), any text of 6 to 40 characters',
      example: 'lsq-signing-secret-7c1f2a',
    },
  },
  // X-Signature alone is a name several providers use; X-Event-Name narrows it down.
  detect: ['X-Signature', 'X-Event-Name'],
  eventType: { in: { header: 'X-Event-Name' } },
  delivery: {
    docs: 'https://www.lemonsqueezy.com/docs/api/webhooks/',
    contentType: 'application/json',
    headers: { 'X-Event-Name': '{{event}}' },
  },
};
