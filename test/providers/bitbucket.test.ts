import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { detectProvider } from '../../src/providers/registry.js';
import { describeProvider } from './provider-kit.js';

// No Bitbucket SDK signs or verifies webhooks: the oracle is the recipe on
// https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/ (Secure webhooks), with the
// header form of https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-HTTPheaders,
// written out here on its own: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the secret.
const recipe = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describeProvider({
  id: 'bitbucket',
  body: '{"push":{"changes":[{"new":{"type":"branch","name":"main"}}]},"repository":{"full_name":"team/repo"}}',
  secret: 'bb-webhook-secret-9f3c2a7d1e6b',
  wrongSecret: 'bb-webhook-secret-9f3c2a7d1e6c',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'X-Hub-Signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [
    ['X-Event-Key', 'repo:push'],
    ['X-Hub-Signature', recipe(secret as string, body)],
  ],
});

it('Bitbucket: its X-Hub-Signature is told apart from GitHub’s legacy one by X-Event-Key', () => {
  expect(
    detectProvider([
      ['X-Event-Key', 'repo:push'],
      ['X-Hub-Signature', 'sha256=x'],
    ])?.id,
  ).toBe('bitbucket');
  expect(
    detectProvider([
      ['X-GitHub-Event', 'push'],
      ['X-Hub-Signature', 'sha1=x'],
    ])?.id,
  ).toBe('github');
});
