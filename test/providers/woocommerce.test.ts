import { createHmac } from 'node:crypto';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// No WooCommerce npm package verifies webhooks (@woocommerce/woocommerce-rest-api is a REST
// client): the oracle is WooCommerce's own signing code, WC_Webhook::generate_signature in
// https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-webhook.php,
// written out here on its own: base64_encode(hash_hmac('sha256', $payload, $secret, true)).
const recipe = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('base64');

describeProvider({
  id: 'woocommerce',
  body: '{"id":727,"parent_id":0,"status":"processing","currency":"USD","total":"29.35","billing":{"first_name":"John","last_name":"Doe"},"line_items":[{"id":315,"name":"Woo Single #1","quantity":2}]}',
  secret: 'w=Y<kLm3#q!Vb7Zt9@Rs2^Xn',
  wrongSecret: 'w=Y<kLm3#q!Vb7Zt9@Rs2^Xm',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'X-WC-Webhook-Signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [
    ['X-WC-Webhook-Topic', 'order.updated'],
    ['X-WC-Webhook-Delivery-ID', 'b6c2a4e7f0d1c3a5e9b8d7c6f5a4e3d2'],
    ['X-WC-Webhook-Signature', recipe(secret as string, body)],
  ],
});
