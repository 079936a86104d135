import { createHmac } from 'node:crypto';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// No Meta SDK among the devDependencies: the oracle is the recipe under "Validating Payloads" on
// https://developers.facebook.com/docs/graph-api/webhooks/getting-started, written out here on its
// own: "sha256=" + hex HMAC-SHA256 of the payload with the App Secret.
const recipe = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describeProvider({
  id: 'meta',
  body: '{"object":"page","entry":[{"id":"0","time":1700000000,"changes":[{"field":"feed","value":{"message":"caf\\u00e9"}}]}]}',
  secret: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  wrongSecret: 'f9e8d7c6b5a4938271605f4e3d2c1b0a',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'X-Hub-Signature-256') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [['X-Hub-Signature-256', recipe(secret as string, body)]],
});
