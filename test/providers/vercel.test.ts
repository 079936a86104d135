import { createHmac } from 'node:crypto';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// No Vercel SDK verifies webhooks: the oracle is the recipe on
// https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks, written out here on its own:
// hex HMAC-SHA1 of the raw body, keyed with the secret, compared with x-vercel-signature.
const recipe = (secret: string, body: Buffer) => createHmac('sha1', secret).update(body).digest('hex');

describeProvider({
  id: 'vercel',
  body: '{"id":"uHHCKbsYlBVmGUuTz1Bg2iWH","type":"deployment.created","createdAt":1767225600000,"payload":{"deployment":{"id":"dpl_2qNp7VxU"}}}',
  secret: 'vercel-webhook-secret-2b7e4c9a1f',
  wrongSecret: 'vercel-webhook-secret-2b7e4c9a1e',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'x-vercel-signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [['x-vercel-signature', recipe(secret as string, body)]],
});
