import { svixBased } from './svix-based.js';

/**
 * Resend.
 * Docs: https://resend.com/docs/webhooks/verify-webhooks-requests — Resend delivers through Svix:
 * `svix-id`, `svix-timestamp`, `svix-signature`, signed as Standard Webhooks with the webhook's
 * `whsec_` signing secret. SDK: resend@6.38.0 dist/index.mjs `Webhooks.verify` reads the three
 * svix-* headers and verifies with Svix's library. Event type: the body's `type` (`email.sent`).
 */
export const resend = svixBased({
  id: 'resend',
  name: 'Resend',
  docs: 'https://resend.com/docs/webhooks/verify-webhooks-requests',
  summary:
    'POSTs JSON { type, created_at, data } through Svix, with svix-id, svix-timestamp and svix-signature.',
  secretWhere: "the webhook's Signing Secret (Resend dashboard → Webhooks → the webhook)",
});
