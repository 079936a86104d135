import { sign, verify } from '@octokit/webhooks-methods';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// Oracle: @octokit/webhooks-methods, GitHub's own signing helpers (sign → "sha256=<hex>").
describeProvider({
  id: 'github',
  body: '{"zen":"Keep it logically awesome.","hook_id":123}',
  secret: "It's a Secret to Everybody",
  wrongSecret: 'not the secret',
  sdkVerify: ({ body, headers, secret }) =>
    verify(secret as string, body.toString('utf8'), getHeader(headers, 'X-Hub-Signature-256') ?? ''),
  sdkSign: async ({ body, secret }) => [
    ['X-Hub-Signature-256', await sign(secret as string, body.toString('utf8'))],
  ],
  vectors: [
    {
      // The worked example on the docs page: secret "It's a Secret to Everybody", body "Hello, World!".
      docs: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation',
      body: 'Hello, World!',
      secret: "It's a Secret to Everybody",
      headers: [
        ['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
      ],
      now: 0,
      reproduce: true,
    },
  ],
});
