import type { ProviderDescription } from './types.js';

/**
 * Shopify.
 * Signature: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify
 *   `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, body)>`, no timestamp; the secret is the
 *   app's client secret (or the one shown under Settings → Notifications → Webhooks).
 * Headers (same page, "Shopify API headers"): `X-Shopify-Topic` (e.g. orders/create),
 *   `X-Shopify-Webhook-Id`.
 * Delivery (`trigger`): the same page's request headers, spelled as @shopify/shopify-api@13.1.0
 *   dist/esm/lib/types.mjs `ShopifyHeader` reads them: `X-Shopify-Topic`, `X-Shopify-Shop-Domain`,
 *   `X-Shopify-API-Version` (a quarterly version such as `2025-10`), `X-Shopify-Webhook-Id` (a
 *   UUID, the idempotency key), `X-Shopify-Triggered-At` (RFC 3339) and `X-Shopify-Event-Id` (a
 *   UUID shared by the deliveries of one event; these two are described at
 *   https://shopify.dev/docs/apps/build/webhooks#key-terminology, which the SDK's changeset adding
 *   them cites); JSON bodies. Shopify documents no User-Agent.
 */
export const shopify: ProviderDescription = {
  id: 'shopify',
  name: 'Shopify',
  docs: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https',
  summary:
    'POSTs JSON with X-Shopify-Topic, X-Shopify-Webhook-Id and X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Shopify-Hmac-Sha256' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where:
        "the app's client secret (Partner Dashboard → Apps → the app → Client credentials), or the key under Settings → Notifications → Webhooks",
      example: '0123456789abcdef0123456789abcdef',
    },
  },
  detect: ['X-Shopify-Hmac-Sha256'],
  deliveryId: [{ header: 'X-Shopify-Webhook-Id' }],
  eventType: { in: { header: 'X-Shopify-Topic' } },
  delivery: {
    docs: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https',
    contentType: 'application/json',
    headers: {
      'X-Shopify-Topic': '{{event}}',
      'X-Shopify-Shop-Domain': 'webhook-cli-demo.myshopify.com',
      'X-Shopify-API-Version': '2025-10',
      'X-Shopify-Webhook-Id': '{{uuid}}',
      'X-Shopify-Triggered-At': '{{iso}}',
      'X-Shopify-Event-Id': '{{uuid#event}}',
    },
  },
};
