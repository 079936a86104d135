import { createHmac } from 'node:crypto';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// No Sentry SDK verifies integration webhooks: the oracle is the recipe on
// https://docs.sentry.io/integrations/integration-platform/webhooks/ (Verifying the Signature),
// written out here on its own: hex HMAC-SHA256 of the JSON body, keyed with the Client Secret.
const recipe = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

describeProvider({
  id: 'sentry',
  body: '{"action":"created","data":{"issue":{"id":"1117540176","title":"Error: bad"}},"installation":{"uuid":"a8e5d37a-696c-4c54-adb5-b3f28d64c7de"},"actor":{"type":"application","id":"sentry","name":"Sentry"}}',
  secret: '3a1f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f',
  wrongSecret: '3a1f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1e',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'Sentry-Hook-Signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret, timestamp }) => [
    ['Request-ID', 'a8e5d37a-696c-4c54-adb5-b3f28d64c7de'],
    ['Sentry-Hook-Resource', 'issue'],
    ['Sentry-Hook-Timestamp', String(timestamp)],
    ['Sentry-Hook-Signature', recipe(secret as string, body)],
  ],
});
