import { svixBased } from './svix-based.js';

/**
 * Clerk.
 * Docs: https://clerk.com/docs/guides/development/webhooks/syncing — Clerk delivers through Svix:
 * `svix-id`, `svix-timestamp`, `svix-signature`, signed as Standard Webhooks with the endpoint's
 * `whsec_` signing secret. SDK: @clerk/backend@3.25.0 dist/webhooks.mjs `verifyWebhook` requires
 * the three svix-* headers and verifies with `standardwebhooks` (5 minutes either way).
 * Event type: the body's `type` (`user.created`).
 */
export const clerk = svixBased({
  id: 'clerk',
  name: 'Clerk',
  docs: 'https://clerk.com/docs/guides/development/webhooks/syncing',
  summary:
    'POSTs JSON { type, object: "event", data } through Svix, with svix-id, svix-timestamp and svix-signature.',
  secretWhere: "the endpoint's Signing Secret (Clerk Dashboard → Webhooks → the endpoint)",
});
