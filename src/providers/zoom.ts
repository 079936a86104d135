import type { ProviderDescription } from './types.js';

/**
 * Zoom (Marketplace app event subscriptions).
 * Signature: https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events (linked from
 *   https://developers.zoom.us/changelog/platform/webhook-url-validation: "a new secret token and
 *   x-zm-signature header"). Zoom's own code:
 *   - https://github.com/zoom/webhook-sample/blob/main/index.js: the message
 *     `v0:${x-zm-request-timestamp}:${body}`, HMAC-SHA256 keyed with the Webhook Secret Token
 *     (as text), hex, with `v0=` prepended, compared with `x-zm-signature`;
 *   - @zoom/rivet@0.4.0 users/users.mjs:CommonHttpRequest.isEventVerified does the same.
 *   Neither checks the time and no tolerance is stated, so none is checked here (tolerance 0).
 *   The timestamp's unit is not stated in these sources; `sign` writes Unix seconds.
 * Handshake: https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint
 *   `{ event: "endpoint.url_validation", payload: { plainToken } }` is answered with
 *   `{ plainToken, encryptedToken: hex HMAC-SHA256(secret token, plainToken) }` (webhook-sample
 *   index.js; @zoom/rivet hashUrlValidationEvent). The validation request is itself signed.
 * Event type: the body's `event` (webhook-sample index.js `req.body.event`; rivet emits
 *   `processedEvent.event`). No delivery id is documented: none is given.
 * Delivery (`trigger`): the headers webhook-sample's README logs for a real delivery
 *   (https://github.com/zoom/webhook-sample#usage): `user-agent: Zoom Marketplace/1.0a`,
 *   `content-type: application/json; charset=utf-8`. Left out: `authorization` (the legacy
 *   verification token), `clientid` (the app's client id) and `x-zm-trackingid`, whose form the
 *   README does not show.
 */
export const zoom: ProviderDescription = {
  id: 'zoom',
  name: 'Zoom',
  docs: 'https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events',
  summary:
    'POSTs JSON { event, payload, event_ts } with x-zm-request-timestamp and x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: 'v0:{timestamp}:{body}',
    format: { kind: 'header', header: 'x-zm-signature', prefix: 'v0=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the app's Secret Token (Zoom App Marketplace → Manage → the app → Features → Access)",
      example: 'Bq3w7Zr1TmKx9yLpQ2sVnA',
    },
    timestamp: {
      in: { header: 'x-zm-request-timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['x-zm-signature'],
  eventType: { in: { json: 'event' } },
  delivery: {
    docs: 'https://github.com/zoom/webhook-sample#usage',
    contentType: 'application/json; charset=utf-8',
    headers: { 'user-agent': 'Zoom Marketplace/1.0a' },
  },
  handshake: {
    kind: 'zoom-url-validation',
    docs: 'https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint',
  },
};
