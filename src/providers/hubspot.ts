import type { ProviderDescription } from './types.js';

/**
 * HubSpot, signature v3.
 * Signature: https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation#validate-the-v3-request-signature
 *   `X-HubSpot-Signature-v3: <base64 HMAC-SHA256(client secret, method + URI + body + timestamp)>`,
 *   `X-HubSpot-Request-Timestamp: <Unix ms>`; the URI is the full URL HubSpot called (with the
 *   characters the page lists URL-decoded): give it with `--url`. Exactly as
 *   @hubspot/api-client@13.5.0 lib/src/utils/signature.js `Signature.getSignature` ('v3':
 *   `method + url + requestBody + timestamp`, `createHmac('sha256', clientSecret)`, base64).
 * Timestamp: the docs reject requests older than 5 minutes; `Signature.isValid` throws when
 *   `Date.now() - timestamp > MAX_ALLOWED_TIMESTAMP` (300000 ms), age only (a future timestamp
 *   passes), and throws before the comparison counts.
 * The older v1/v2 signatures (X-HubSpot-Signature, unkeyed SHA-256) are not described here.
 * Event type: webhook bodies are an array of events with `subscriptionType` (the v1 example on
 *   https://developers.hubspot.com/docs/faq/v1-request-validation); the first event's is taken.
 *   No delivery id header is documented. No handshake.
 * Delivery: https://developers.hubspot.com/docs-beta/webhooks: a POST whose JSON body is an array
 *   of up to 100 events (`eventId`, `subscriptionId`, `portalId`, `appId`, `occurredAt`,
 *   `subscriptionType`, `attemptNumber`, `objectId`, `changeSource`, ...). Besides the v3 signature
 *   headers the signer writes, only the older v1/v2 `X-HubSpot-Signature` pair is documented,
 *   which is left out (a second, unkeyed scheme); no user agent is documented.
 */
export const hubspot: ProviderDescription = {
  id: 'hubspot',
  name: 'HubSpot',
  docs: 'https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation#validate-the-v3-request-signature',
  summary:
    'POSTs a JSON array of events with X-HubSpot-Request-Timestamp (ms) and X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of method + URL + body + timestamp>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{method}{url}{body}{timestamp}',
    format: { kind: 'header', header: 'X-HubSpot-Signature-v3' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where: "the app's Client secret (the app's Auth settings in the developer account)",
      example: 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy',
    },
    timestamp: {
      in: { header: 'X-HubSpot-Request-Timestamp' },
      unit: 'unix-ms',
      toleranceSeconds: 300,
      direction: 'past',
      checked: 'before',
    },
  },
  detect: ['X-HubSpot-Signature-v3'],
  eventType: { in: { json: '0.subscriptionType' } },
  delivery: {
    docs: 'https://developers.hubspot.com/docs-beta/webhooks',
    contentType: 'application/json',
    headers: {},
  },
};
