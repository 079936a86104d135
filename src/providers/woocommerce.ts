import type { ProviderDescription } from './types.js';

/**
 * WooCommerce.
 * Signature: woocommerce/woocommerce plugins/woocommerce/includes/class-wc-webhook.php
 *   `WC_Webhook::generate_signature`: `base64_encode( hash_hmac( 'sha256', $payload,
 *   wp_specialchars_decode( $secret, ENT_QUOTES ), true ) )` over the body exactly as sent
 *   (`trim( wp_json_encode( $payload ) )`), in `X-WC-Webhook-Signature`. The key is the webhook's
 *   Secret as text (HTML entities such as `&amp;` in the stored value are decoded first).
 *   SHA-256 is the default of the `woocommerce_webhook_hash_algorithm` filter; a site that
 *   changes it is not covered. No timestamp is signed.
 * Headers: the same file, `WC_Webhook::deliver`: `X-WC-Webhook-Source`, `-Topic` (e.g.
 *   `order.created`), `-Resource`, `-Event`, `-Signature`, `-ID`, `-Delivery-ID`.
 * Delivery (`trigger`): the same `WC_Webhook::deliver`: POST, `Content-Type: application/json`,
 *   `user-agent` `WooCommerce/<WC_VERSION> Hookshot (WordPress/<wp_version>)` (versions chosen
 *   here), `X-WC-Webhook-Source` the site's `home_url( '/' )`, `-Topic` the topic, `-Resource` and
 *   `-Event` its two halves (set per sample), `-ID` the webhook's numeric id, `-Delivery-ID`
 *   `get_new_delivery_id()`: `wp_hash(...)`, an MD5 HMAC in hex (32 digits). The body is the REST
 *   API resource (`get_wp_api_payload`: `/wc/v3/orders/<id>`, ...).
 * Ping: `WC_Webhook::deliver_ping` posts `webhook_id=<id>` unsigned when a webhook is created and
 *   only needs a 200; there is nothing to verify, so no handshake is described.
 */
export const woocommerce: ProviderDescription = {
  id: 'woocommerce',
  name: 'WooCommerce',
  docs: 'https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-webhook.php',
  summary:
    'POSTs the REST API resource as JSON with X-WC-Webhook-Topic, X-WC-Webhook-Delivery-ID and X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-WC-Webhook-Signature' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where: "the webhook's Secret (WooCommerce → Settings → Advanced → Webhooks → the webhook)",
      example: 'w=Y<kLm3#q!Vb7Zt9@Rs2^Xn',
    },
  },
  detect: ['X-WC-Webhook-Signature'],
  deliveryId: [{ header: 'X-WC-Webhook-Delivery-ID' }],
  eventType: { in: { header: 'X-WC-Webhook-Topic' } },
  delivery: {
    docs: 'https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-webhook.php',
    contentType: 'application/json',
    headers: {
      'User-Agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
      'X-WC-Webhook-Source': 'https://shop.example.com/',
      'X-WC-Webhook-Topic': '{{event}}',
      'X-WC-Webhook-ID': '{{digits:2}}',
      'X-WC-Webhook-Delivery-ID': '{{hex:32}}',
    },
  },
};
