import { svixBased } from './svix-based.js';
import type { ProviderDescription } from './types.js';

/**
 * Clerk.
 * Docs: https://clerk.com/docs/guides/development/webhooks/syncing — Clerk delivers through Svix:
 * `svix-id`, `svix-timestamp`, `svix-signature`, signed as Standard Webhooks with the endpoint's
 * `whsec_` signing secret. SDK: @clerk/backend@3.25.0 dist/webhooks.mjs `verifyWebhook` requires
 * the three svix-* headers and verifies with `standardwebhooks` (5 minutes either way).
 * Event type: the body's `type` (`user.created`).
 * Delivery: https://clerk.com/docs/guides/development/webhooks/overview (the payload `{ data,
 *   object: "event", type, timestamp, instance_id, event_attributes }`, as @clerk/backend's
 *   dist/api/resources/Webhooks.d.ts types it, sent with the three svix-* headers, which the
 *   signer writes). The body is JSON ("The payload should be JSON formatted", the Standard
 *   Webhooks spec Svix follows, https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md),
 *   sent as `application/json`; neither page spells the Content-Type out.
 *   No other header and no user agent is documented, so none is sent.
 */
export const clerk: ProviderDescription = {
  ...svixBased({
    id: 'clerk',
    name: 'Clerk',
    docs: 'https://clerk.com/docs/guides/development/webhooks/syncing',
    summary:
      'POSTs JSON { type, object: "event", data } through Svix, with svix-id, svix-timestamp and svix-signature.',
    secretWhere: "the endpoint's Signing Secret (Clerk Dashboard → Webhooks → the endpoint)",
  }),
  delivery: {
    docs: 'https://clerk.com/docs/guides/development/webhooks/overview',
    contentType: 'application/json',
    headers: {},
  },
};
