import type { ProviderDescription } from './types.js';

/**
 * Netlify (deploy notifications, outgoing webhooks).
 * Signature: https://docs.netlify.com/site-deploys/deploy-notifications/#payload-signature: with a
 *   JWS secret token set, each request carries `X-Webhook-Signature`, a JWS (HS256) signed with
 *   that token as the key, whose claims are `iss: "netlify"` and `sha256`: the hex SHA-256 of the
 *   request body. The page's check: verify the JWS with the secret (issuer "netlify", HS256),
 *   then compare `sha256` with the body's hash. `exp` / `nbf` are checked when present; the page
 *   documents no lifetime.
 * Event type and delivery id: not taken (no header for them documented); the body is the deploy.
 * Delivery: the same page (an "HTTP POST request" notification per deploy event, the deploy as
 *   JSON). The samples are named as Netlify's API names hook events (`deploy_building` for
 *   "Deploy started", `deploy_created` for "Deploy succeeded", `deploy_failed`; the `event` of a
 *   hook, e.g. https://github.com/terraform-providers/terraform-provider-netlify/blob/master/website/docs/r/netlify_hook.html.markdown);
 *   the request itself carries no event name. No header besides X-Webhook-Signature, no user
 *   agent and no exact Content-Type is documented, so only `application/json` is sent.
 * No handshake.
 */
export const netlify: ProviderDescription = {
  id: 'netlify',
  name: 'Netlify',
  docs: 'https://docs.netlify.com/site-deploys/deploy-notifications/#payload-signature',
  summary:
    'POSTs the deploy as JSON with X-Webhook-Signature: a HS256 JWS (iss "netlify", sha256 the hex SHA-256 of the body).',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Webhook-Signature' },
    encoding: 'base64url',
    secret: {
      decode: 'utf8',
      where:
        "the notification's JWS secret token (Project configuration → Notifications → Deploy notifications → the HTTP POST request), chosen by you",
      example: 'netlify-jws-secret-token-6f1d2c8b9a',
    },
    jwt: {
      algorithms: ['HS256'],
      issuer: 'netlify',
      bodyHash: { claim: 'sha256', encoding: 'hex' },
    },
  },
  detect: ['X-Webhook-Signature'],
  delivery: {
    docs: 'https://docs.netlify.com/site-deploys/deploy-notifications/',
    contentType: 'application/json',
    headers: {},
  },
};
