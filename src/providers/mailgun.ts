import type { ProviderDescription } from './types.js';

/**
 * Mailgun.
 * Signature: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
 *   The signature travels in the JSON body, beside `event-data`: `signature: { token, timestamp,
 *   signature }`, where `timestamp` is Unix seconds and `token` a random 50-character string.
 *   `signature.signature` is the hex HMAC-SHA256, keyed with the Webhook Signing Key, of the
 *   timestamp and the token concatenated with no separator. Only those two values are signed,
 *   not the event data. The page documents no time window (it suggests caching tokens against
 *   replays), so none is applied; `--tolerance` sets one. A subaccount's events also carry
 *   `parent-signature`, made with the primary account's key; it is not checked here.
 * Event type and id: `event-data.event` and `event-data.id` (the same page's example).
 * Delivery: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads
 *   ("your URL will be called with application/JSON payload"); no header and no user agent is
 *   documented, so only the Content-Type is sent.
 */
export const mailgun: ProviderDescription = {
  id: 'mailgun',
  name: 'Mailgun',
  docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks',
  summary:
    'POSTs JSON { signature: { token, timestamp, signature }, "event-data": { event, id, ... } }; the hex HMAC-SHA256 of timestamp + token is in the body.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{json:signature.timestamp}{json:signature.token}',
    format: { kind: 'json', path: 'signature.signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: 'the HTTP webhook signing key (Mailgun → Sending → Webhooks → HTTP webhook signing key)',
      example: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
    },
    timestamp: {
      in: { json: 'signature.timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'after',
    },
  },
  deliveryId: [{ json: 'event-data.id' }],
  eventType: { in: { json: 'event-data.event' } },
  delivery: {
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads',
    contentType: 'application/json',
    headers: {},
  },
};
