import { createHmac } from 'node:crypto';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// No Shopify SDK among the devDependencies: the oracle is the recipe on
// https://shopify.dev/docs/apps/build/webhooks/subscribe/https (step 2), written out here on its
// own: base64 HMAC-SHA256 of the raw body with the app's client secret.
const recipe = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('base64');

describeProvider({
  id: 'shopify',
  body: '{"id":820982911946154500,"email":"jon@example.com","total_price":"254.98"}',
  secret: 'shpss_0123456789abcdef0123456789abcdef',
  wrongSecret: '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',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'X-Shopify-Hmac-Sha256') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [['X-Shopify-Hmac-Sha256', recipe(secret as string, body)]],
});
