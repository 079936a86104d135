import { encodeSignatureHeader, isValidSignature } from '@sanity/webhook';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// Oracle: @sanity/webhook's isValidSignature / encodeSignatureHeader.
const spec: ProviderSpec = {
  id: 'sanity',
  body: '{"_id":"movie_10681","_type":"movie","_rev":"Jm5WvK1d3bLmDqK1zZ6fT0","title":"Alien"}',
  secret: 'sanity-webhook-secret-5c8e1f0a',
  wrongSecret: 'sanity-webhook-secret-5c8e1f0b',
  sdkVerify: ({ body, headers, secret }) =>
    isValidSignature(
      body.toString('utf8'),
      getHeader(headers, 'sanity-webhook-signature') ?? '',
      secret as string,
    ),
  sdkSign: async ({ body, secret, timestamp }) => [
    [
      'sanity-webhook-signature',
      await encodeSignatureHeader(body.toString('utf8'), timestamp * 1000, secret as string),
    ],
  ],
};
describeProvider(spec);

const sanity = getProvider('sanity');
const body = Buffer.from(spec.body);

it('Sanity: the header is exactly the SDK’s t=<ms>,v1=<base64url> (the SDK compares the whole header)', async () => {
  const now = 1_767_225_600;
  const headers = signWithCli(sanity, spec, body, now);
  expect(headers).toEqual([
    ['sanity-webhook-signature', await encodeSignatureHeader(spec.body, now * 1000, spec.secret as string)],
  ]);
});

it('Sanity: no tolerance by default (the SDK checks none); --tolerance sets one', () => {
  const now = 1_767_225_600;
  const headers = signWithCli(sanity, spec, body, now);
  expect(verifyWithCli(sanity, spec, { body, headers, now: now + 86_400 }).ok).toBe(true);
  expect(verifyWithCli(sanity, spec, { body, headers, now: now + 301, toleranceSeconds: 300 })).toMatchObject(
    { ok: false, reason: 'timestamp-too-old' },
  );
});
