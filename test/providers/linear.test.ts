import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// The SDK checks the body's webhookTimestamp (Unix ms) against the real clock: the body carries now.
const signedAtMs = Date.now();
const body = JSON.stringify({
  action: 'create',
  type: 'Issue',
  data: { id: '2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9', title: 'Webhook test' },
  url: 'https://linear.app/acme/issue/ENG-1/webhook-test',
  createdAt: new Date(signedAtMs).toISOString(),
  webhookTimestamp: signedAtMs,
});

// Oracle: @linear/sdk's LinearWebhookClient.verify (throws on a bad signature or timestamp).
const spec: ProviderSpec = {
  id: 'linear',
  body,
  secret: 'wh-secret-4b3f0a9c2d7e6f5a4b3c2d1e0f9a8b7c',
  wrongSecret: 'wh-secret-4b3f0a9c2d7e6f5a4b3c2d1e0f9a8b7d',
  timestamp: Math.floor(signedAtMs / 1000),
  sdkVerify: ({ body, headers, secret }) => {
    const signature = headers.find(([name]) => name.toLowerCase() === 'linear-signature')?.[1] ?? '';
    try {
      return new LinearWebhookClient(secret as string).verify(body, signature);
    } catch {
      return false;
    }
  },
};
describeProvider(spec);

const linear = getProvider('linear');

it('Linear: the SDK accepts a body whose webhookTimestamp is within 60 s, and so does verify', () => {
  const headers = signWithCli(linear, spec, Buffer.from(body), spec.timestamp as number);
  expect(headers).toEqual([['linear-signature', expect.stringMatching(/^[0-9a-f]{64}$/)]]);
  const late = (spec.timestamp as number) + 61;
  expect(verifyWithCli(linear, spec, { body: Buffer.from(body), headers, now: late })).toMatchObject({
    ok: false,
    reason: 'timestamp-too-old',
  });
  const early = (spec.timestamp as number) - 61;
  expect(verifyWithCli(linear, spec, { body: Buffer.from(body), headers, now: early })).toMatchObject({
    ok: false,
    reason: 'timestamp-in-future',
  });
});

it('Linear: a body without webhookTimestamp says so', () => {
  const bare = Buffer.from('{"action":"create","type":"Issue","data":{}}');
  const headers: [string, string][] = [['linear-signature', 'a'.repeat(64)]];
  expect(verifyWithCli(linear, spec, { body: bare, headers, now: 0 })).toEqual({
    ok: false,
    scheme: 'linear',
    reason: 'missing-header',
    detail: 'the body has no webhookTimestamp timestamp',
  });
});
