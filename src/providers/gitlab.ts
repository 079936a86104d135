import type { DeliveryDescription, ProviderDescription } from './types.js';

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
 * Delivery: app/services/web_hook_service.rb `build_headers`
 *   (https://github.com/gitlabhq/gitlabhq/blob/master/app/services/web_hook_service.rb):
 *   `Content-Type: application/json`, `User-Agent: GitLab/<version>`, `Idempotency-Key`,
 *   `X-Gitlab-Event` (`hook_to_event`: "Push Hook", "Merge Request Hook", ...),
 *   `X-Gitlab-Webhook-UUID` (a new UUID per request), `X-Gitlab-Instance` (the instance's base
 *   URL) and `X-Gitlab-Event-UUID` (lib/gitlab/web_hooks/recursion_detection/uuid.rb, HEADER =
 *   GITLAB_EVENT_HEADER + "-UUID").
 * No handshake.
 */
/** What both GitLab schemes send besides their signature headers (see the comment above). */
export const gitlabDelivery: DeliveryDescription = {
  docs: 'https://github.com/gitlabhq/gitlabhq/blob/master/app/services/web_hook_service.rb',
  contentType: 'application/json',
  headers: {
    'User-Agent': 'GitLab/18.6.0',
    'Idempotency-Key': '{{uuid}}',
    'X-Gitlab-Event': '{{event}}',
    'X-Gitlab-Webhook-UUID': '{{uuid#request}}',
    'X-Gitlab-Instance': 'https://gitlab.example.com',
    'X-Gitlab-Event-UUID': '{{uuid#event}}',
  },
};

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
  delivery: gitlabDelivery,
};
