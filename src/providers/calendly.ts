import type { ProviderDescription } from './types.js';

/**
 * Calendly.
 * Signature: https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures and
 *   https://developer.calendly.com/docs/webhooks/overview ("Calendly-Webhook-Signature:
 *   t=<unix>,v1=<hex>. Verify HMAC-SHA256(key, "<t>." + raw_body)"); the key is the webhook
 *   signing key (set when creating the subscription with a personal access token, generated for
 *   an OAuth app), used as text.
 * Tolerance: the signature page's Node example checks the signature first, then rejects a
 *   timestamp more than 3 minutes old ("we set the application's tolerance zone to 3 minutes",
 *   `threeMinutes = 180000` ms; age only, so a future `t` passes). That example is the only
 *   source: the page's text states no tolerance. (Its code block was read from integrations that
 *   copy it verbatim; the page's text itself could not be read past its introduction.)
 * Event: the overview page (body `event`, e.g. `invitee.created`, with `payload`). Calendly
 *   documents no delivery id, so none is described.
 * Delivery: https://developer.calendly.com/api-docs/calendly-api/webhooks/get-sample-webhook-data
 *   (the JSON bodies Calendly sends, one per event); Calendly documents no header besides
 *   Calendly-Webhook-Signature and no user agent, so only `application/json` is sent (the
 *   Content-Type is not spelled out either).
 */
export const calendly: ProviderDescription = {
  id: 'calendly',
  name: 'Calendly',
  docs: 'https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures',
  summary:
    'POSTs JSON { event, created_at, created_by, payload } with Calendly-Webhook-Signature: t=<unix>,v1=<hex>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{timestamp}.{body}',
    format: {
      kind: 'pairs',
      header: 'Calendly-Webhook-Signature',
      pairSeparator: ',',
      keyValueSeparator: '=',
      signatureKey: 'v1',
      timestampKey: 't',
    },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        'the signing_key given when creating the webhook subscription (personal access token), or the webhook signing key of the OAuth app',
      example: '5mEzn9C-I28UtwOjZJtFoob0sAAFZ95GbZkqj4y3i0I',
    },
    timestamp: {
      in: 'signature-header',
      unit: 'unix-seconds',
      toleranceSeconds: 180,
      direction: 'past',
      checked: 'after',
    },
  },
  detect: ['Calendly-Webhook-Signature'],
  eventType: { in: { json: 'event' } },
  delivery: {
    docs: 'https://developer.calendly.com/api-docs/calendly-api/webhooks/get-sample-webhook-data',
    contentType: 'application/json',
    headers: {},
  },
};
