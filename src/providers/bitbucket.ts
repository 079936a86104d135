import type { ProviderDescription } from './types.js';

/**
 * Bitbucket (Cloud; Data Center signs the same way).
 * Signature: https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/ (Secure
 *   webhooks) and https://bitbucket.org/blog/enhanced-webhook-security: with a secret set, each
 *   request carries `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`; webhooks
 *   without a secret are not signed. The Data Center page
 *   https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-HTTPheaders
 *   shows the form: `x-hub-signature: sha256=c3383246d4fd...` ("the receiver can perform the
 *   HMAC algorithm on the received body with the secret as the key"). No timestamp.
 * Headers: https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/ (HTTP headers):
 *   `X-Event-Key` (e.g. `repo:push`), `X-Request-UUID` (the request), `X-Hook-UUID` (the
 *   webhook), `X-Attempt-Number`. (Data Center sends `X-Request-Id` instead of `X-Request-UUID`.)
 *   The body is JSON (https://developer.atlassian.com/cloud/bitbucket/modules/webhook: "a POST
 *   request containing JSON data"). No User-Agent is documented by Atlassian, so none is sent.
 * No handshake.
 */
export const bitbucket: ProviderDescription = {
  id: 'bitbucket',
  name: 'Bitbucket',
  docs: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/',
  summary:
    'POSTs JSON with X-Event-Key (repo:push, pullrequest:created, ...) and, with a secret, X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Hub-Signature', prefix: 'sha256=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the webhook's Secret (Repository settings → Webhooks → the webhook; you chose it or pressed Generate secret)",
      example: 'bb-webhook-secret-9f3c2a7d1e6b',
    },
  },
  detect: ['X-Event-Key', 'X-Hub-Signature'],
  deliveryId: [{ header: 'X-Request-UUID' }, { header: 'X-Request-Id' }],
  eventType: { in: { header: 'X-Event-Key' } },
  delivery: {
    docs: 'https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/',
    contentType: 'application/json',
    headers: {
      'X-Event-Key': '{{event}}',
      'X-Hook-UUID': '{{uuid#hook}}',
      'X-Request-UUID': '{{uuid}}',
      'X-Attempt-Number': '1',
    },
  },
};
