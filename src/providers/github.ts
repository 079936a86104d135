import type { ProviderDescription } from './types.js';

/**
 * GitHub webhooks.
 * Signature: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 *   `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`; the legacy
 *   `X-Hub-Signature: sha1=<hex HMAC-SHA1>` is checked only when it is the only one present.
 *   No timestamp. SDK: @octokit/webhooks-methods (`sign`, `verify`).
 * Headers: https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
 *   `X-GitHub-Event` (event name), `X-GitHub-Delivery` (GUID of the delivery); payloads of most
 *   events carry an `action`. The same list: `X-GitHub-Hook-ID` (the webhook's id),
 *   `X-GitHub-Hook-Installation-Target-Type` (`repository`, `organization`, `app`, ...) and
 *   `-Target-ID`, and `User-Agent`, which "will always have the prefix `GitHub-Hookshot/`". The
 *   body is JSON with the webhook's content type `application/json`.
 * Samples: schemas/samples/github/, written by scripts/github-samples.mjs from every event and
 *   action of @octokit/webhooks-examples (MIT).
 */
export const github: ProviderDescription = {
  id: 'github',
  name: 'GitHub',
  docs: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  summary:
    'POSTs JSON with X-GitHub-Event, X-GitHub-Delivery and X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the webhook's Secret field (repository or organization Settings → Webhooks → Edit); you chose it",
      example: 'It5-a-s3cret-y0u-ch0se',
    },
    legacy: {
      format: { kind: 'header', header: 'X-Hub-Signature', prefix: 'sha1=' },
      algorithm: 'hmac-sha1',
    },
  },
  detect: ['X-GitHub-Event'],
  deliveryId: [{ header: 'X-GitHub-Delivery' }],
  eventType: { in: { header: 'X-GitHub-Event' }, suffix: { json: 'action' } },
  schema: 'github',
  delivery: {
    docs: 'https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers',
    contentType: 'application/json',
    headers: {
      'User-Agent': 'GitHub-Hookshot/{{hex:7}}',
      'X-GitHub-Delivery': '{{uuid}}',
      'X-GitHub-Hook-ID': '{{digits:9#hook}}',
      'X-GitHub-Hook-Installation-Target-Type': 'repository',
      'X-GitHub-Hook-Installation-Target-ID': '{{digits:9#target}}',
    },
  },
};
