import { gitlabDelivery } from './gitlab.js';
import type { ProviderDescription } from './types.js';

/**
 * GitLab webhooks with an HMAC signing token (the newer of GitLab's two methods; the plain
 * `X-Gitlab-Token` is src/providers/gitlab.ts). GitLab follows the Standard Webhooks
 * specification (src/providers/standard-webhooks.ts).
 * Signature: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/230944 ("Add webhook HMAC
 *   signing token"): HMAC-SHA256 over `{webhook-id}.{timestamp}.{body}`, sent as
 *   `webhook-signature: v1,<base64>`, with a `webhook-id` header (equal to the Idempotency-Key
 *   value) and a `webhook-timestamp` header. The MR's own check of it uses the `standardwebhooks`
 *   library, which reads the timestamp as Unix seconds and allows 5 minutes either way, checked
 *   before the signature; GitLab documents no tolerance of its own, so that one is used.
 * Secret: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/231325: the signing token is
 *   `whsec_<base64>` encoding a 32-byte key.
 * Headers: `X-Gitlab-Event` (lib/gitlab/web_hooks.rb GITLAB_EVENT_HEADER,
 *   https://rubydoc.info/github/gitlabhq/gitlabhq/Gitlab/WebHooks).
 * Delivery: the same headers as the secret-token scheme (src/providers/gitlab.ts); the MR sends
 *   `Idempotency-Key` with the value of `webhook-id`, so a triggered delivery has one id in both
 *   (`{{uuid}}` fills both with the same id, and the signature keeps the request's `webhook-id`).
 * No handshake.
 */
export const gitlabSigning: ProviderDescription = {
  id: 'gitlab-signing',
  name: 'GitLab (signing token)',
  docs: 'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/230944',
  summary:
    'POSTs JSON { object_kind, ... } with X-Gitlab-Event, webhook-id, webhook-timestamp and webhook-signature: v1,<base64 HMAC-SHA256> (Standard Webhooks).',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{id}.{timestamp}.{body}',
    format: { kind: 'versioned-list', header: 'webhook-signature', version: 'v1' },
    encoding: 'base64',
    secret: {
      decode: 'prefixed-base64',
      prefix: 'whsec_',
      where: "the webhook's Signing token (Settings → Webhooks → the webhook)",
      example: 'whsec_bWFkZS11cC0zMi1ieXRlLWdpdGxhYi1zaWduaW5nLWs=',
    },
    timestamp: {
      in: { header: 'webhook-timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    },
    id: { in: { header: 'webhook-id' }, generate: 'uuid', forbid: '.' },
  },
  detect: ['X-Gitlab-Event', 'webhook-signature'],
  deliveryId: [{ header: 'webhook-id' }, { header: 'Idempotency-Key' }],
  eventType: { in: { header: 'X-Gitlab-Event' } },
  delivery: {
    ...gitlabDelivery,
    headers: { ...gitlabDelivery.headers, 'webhook-id': '{{uuid}}' },
  },
};
