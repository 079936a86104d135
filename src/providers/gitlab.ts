import type { ProviderDescription } from './types.js';

/**
 * GitLab webhooks with a secret token (the older of GitLab's two methods; the HMAC signing
 * token is src/providers/gitlab-signing.ts).
 * Token: https://docs.gitlab.com/user/project/integrations/webhooks/#validate-payloads-by-using-a-secret-token
 *   "If you specify a secret token, it will be sent with the hook request in the
 *   `X-Gitlab-Token` HTTP header": the token itself, not a signature; the body is not covered
 *   and there is no timestamp.
 * Headers: lib/gitlab/web_hooks.rb (https://rubydoc.info/github/gitlabhq/gitlabhq/Gitlab/WebHooks):
 *   `X-Gitlab-Event` (GITLAB_EVENT_HEADER, e.g. `Push Hook`), `X-Gitlab-Webhook-UUID`
 *   (GITLAB_UUID_HEADER, unique per request, https://gitlab.com/gitlab-org/gitlab/-/merge_requests/125338);
 *   `Idempotency-Key` (the same on retries of one event, https://gitlab.com/gitlab-org/gitlab/-/issues/14888).
 * No handshake.
 */
export const gitlab: ProviderDescription = {
  id: 'gitlab',
  name: 'GitLab (secret token)',
  docs: 'https://docs.gitlab.com/user/project/integrations/webhooks/#validate-payloads-by-using-a-secret-token',
  summary:
    'POSTs JSON { object_kind, ... } with X-Gitlab-Event and, when a secret token is set, X-Gitlab-Token: <the token itself> (no signature).',
  signature: {
    algorithm: 'token',
    signed: '',
    format: { kind: 'header', header: 'X-Gitlab-Token' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the webhook's Secret token (Settings → Webhooks → the webhook), chosen by you",
      example: 'my-gitlab-secret-token-7d3f9a',
    },
  },
  detect: ['X-Gitlab-Token'],
  deliveryId: [{ header: 'Idempotency-Key' }, { header: 'X-Gitlab-Webhook-UUID' }],
  eventType: { in: { header: 'X-Gitlab-Event' } },
};
