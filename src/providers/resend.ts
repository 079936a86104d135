import { svixBased } from './svix-based.js';
import type { ProviderDescription } from './types.js';

/**
 * Resend.
 * Docs: https://resend.com/docs/webhooks/verify-webhooks-requests — Resend delivers through Svix:
 * `svix-id`, `svix-timestamp`, `svix-signature`, signed as Standard Webhooks with the webhook's
 * `whsec_` signing secret. SDK: resend@6.38.0 dist/index.mjs `Webhooks.verify` reads the three
 * svix-* headers and verifies with Svix's library. Event type: the body's `type` (`email.sent`).
 * Delivery (`trigger`): https://resend.com/docs/dashboard/webhooks/event-types: a JSON POST
 * `{ type, created_at, data: { email_id, from, to, subject, ... } }`; its only headers besides
 * the content type are the three svix-* ones, which the signature writes. No User-Agent is
 * documented.
 */
export const resend: ProviderDescription = {
  ...svixBased({
    id: 'resend',
    name: 'Resend',
    docs: 'https://resend.com/docs/webhooks/verify-webhooks-requests',
    summary:
      'POSTs JSON { type, created_at, data } through Svix, with svix-id, svix-timestamp and svix-signature.',
    secretWhere: "the webhook's Signing Secret (Resend dashboard → Webhooks → the webhook)",
  }),
  delivery: {
    docs: 'https://resend.com/docs/dashboard/webhooks/event-types',
    contentType: 'application/json',
    headers: {},
  },
};
