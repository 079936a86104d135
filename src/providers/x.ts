import type { ProviderDescription } from './types.js';

/**
 * X (formerly Twitter): Account Activity API and X API webhooks.
 * Signature: https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks
 *   ("The signature header in each POST request enables you to confirm that X is the source")
 *   and https://docs.x.com/x-api/webhooks/introduction ("Verify webhook authenticity using the
 *   x-twitter-webhooks-signature header"): `x-twitter-webhooks-signature: sha256=<base64
 *   HMAC-SHA256(Consumer Secret, body)>`, the construction of the page's CRC response applied
 *   to the POST body (the section's full text could not be read here; see the report). The
 *   Consumer Secret is used as text. Nothing time-based is signed.
 * Handshake: the same page, "Challenge-Response Checks": `GET ?crc_token=...` answered within
 *   three seconds with JSON `{ "response_token": "sha256=" + base64 HMAC-SHA256(Consumer
 *   Secret, crc_token) }`; X's own helper:
 *   https://github.com/xdevplatform/account-activity-dashboard helpers/security.js
 *   get_challenge_response and app.js.
 * Delivery id and event type: the payload names its events by key (`tweet_create_events`, ...),
 *   with no single type or id field documented here: none is given.
 * Delivery (`trigger`): https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/account-activity-data-objects
 *   (a JSON POST `{ for_user_id, <kind>_events: [...] }`, users and tweets in the v1.1 objects'
 *   shape); the only other header is the signature. No User-Agent is documented. The samples are
 *   named after the payload's events key.
 */
export const x: ProviderDescription = {
  id: 'x',
  aliases: ['twitter'],
  name: 'X (Twitter)',
  docs: 'https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks',
  summary:
    'POSTs account activity JSON with x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the body>; checks the URL with GET ?crc_token=.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'x-twitter-webhooks-signature', prefix: 'sha256=' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where: "the app's Consumer Secret, in the X developer portal",
      example: 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu',
    },
  },
  detect: ['x-twitter-webhooks-signature'],
  delivery: {
    docs: 'https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/account-activity-data-objects',
    contentType: 'application/json',
    headers: {},
  },
  handshake: {
    kind: 'x-crc',
    docs: 'https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks#challenge-response-checks',
  },
};
