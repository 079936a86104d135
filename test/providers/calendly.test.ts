import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// No Calendly SDK signs or verifies webhooks: the oracle is the recipe on
// https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures (and the
// overview's "Verify HMAC-SHA256(key, "<t>." + raw_body)"), written out here on its own:
// split the header at ",", take t and v1, hex HMAC-SHA256 of t + "." + body with the signing key.
const recipe = (key: string, t: string, body: Buffer) =>
  createHmac('sha256', key).update(`${t}.`).update(body).digest('hex');
const parse = (header: string) =>
  Object.fromEntries(header.split(',').map((item) => item.split('=') as [string, string]));

const spec: ProviderSpec = {
  id: 'calendly',
  body: '{"created_at":"2020-11-23T17:51:19.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created","payload":{"email":"test@example.com","name":"John Doe","status":"active"}}',
  secret: '5mEzn9C-I28UtwOjZJtFoob0sAAFZ95GbZkqj4y3i0I',
  wrongSecret: '5mEzn9C-I28UtwOjZJtFoob0sAAFZ95GbZkqj4y3i0J',
  sdkVerify: ({ body, headers, secret }) => {
    const { t, v1 } = parse(getHeader(headers, 'Calendly-Webhook-Signature') ?? '');
    return t !== undefined && v1 === recipe(secret as string, t, body);
  },
  sdkSign: ({ body, secret, timestamp }) => [
    ['Calendly-Webhook-Signature', `t=${timestamp},v1=${recipe(secret as string, String(timestamp), body)}`],
  ],
};
describeProvider(spec);

it('Calendly: a timestamp in the future passes (the docs check age only)', () => {
  const provider = getProvider('calendly');
  const body = Buffer.from(spec.body);
  const headers = signWithCli(provider, spec, body, 1_700_000_600);
  expect(verifyWithCli(provider, spec, { body, headers, now: 1_700_000_000 })).toMatchObject({ ok: true });
});
