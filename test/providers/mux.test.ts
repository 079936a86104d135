import { createHmac } from 'node:crypto';
import Mux from '@mux/mux-node';
import { expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import {
  describeProvider,
  type ProviderSpec,
  type SignedDelivery,
  signWithCli,
  verifyWithCli,
} from './provider-kit.js';

// Oracle: @mux/mux-node, Mux's own SDK: webhooks.verifySignature (every v1 tried, then the
// 300 s age check; throws on failure). The SDK does not sign: the signing side is the recipe on
// https://www.mux.com/docs/core/verify-webhook-signatures written out here on its own:
// HMAC-SHA256 of timestamp + "." + body with the signing secret, hex, "t=<t>,v1=<hex>".
const mux = new Mux({ tokenId: 'unused', tokenSecret: 'unused' });
const recipe = (secret: string, timestamp: number, body: Buffer) =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;

const sdkVerify = async ({ body, headers, secret }: SignedDelivery) => {
  try {
    await mux.webhooks.verifySignature(body.toString('utf8'), Object.fromEntries(headers), secret);
    return true;
  } catch {
    return false;
  }
};

const spec: ProviderSpec = {
  id: 'mux',
  body: '{"type":"video.asset.ready","object":{"type":"asset","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},"id":"3a56ac3d-33da-4366-855b-f592d898409d","environment":{"name":"Demo pages","id":"j0863n"},"data":{"status":"ready"},"created_at":"2021-01-10T20:39:16.000000Z"}',
  secret: 'kq3mplgnu8j1pc2lh5bfkpn5gqe0ofa1',
  wrongSecret: 'kq3mplgnu8j1pc2lh5bfkpn5gqe0ofa2',
  sdkVerify,
  sdkSign: ({ body, secret, timestamp }) => [['Mux-Signature', recipe(secret as string, timestamp, body)]],
};
describeProvider(spec);

const provider = getProvider('mux');
const body = Buffer.from(spec.body);

it('Mux: any v1 may match (several signatures), for the SDK too', async () => {
  const now = Math.floor(Date.now() / 1000);
  const [[name, value]] = signWithCli(provider, spec, body, now) as [[string, string]];
  const two = value.replace(',v1=', `,v1=${'0'.repeat(64)},v1=`);
  const headers: [string, string][] = [[name, two]];
  expect(await sdkVerify({ body, headers, secret: spec.secret, timestamp: now })).toBe(true);
  expect(verifyWithCli(provider, spec, { body, headers, now })).toMatchObject({ ok: true });
});

it('Mux: a timestamp in the future passes, as in the SDK (which checks age only)', async () => {
  const now = Math.floor(Date.now() / 1000);
  const headers = signWithCli(provider, spec, body, now + 3600);
  expect(await sdkVerify({ body, headers, secret: spec.secret, timestamp: now })).toBe(true);
  expect(verifyWithCli(provider, spec, { body, headers, now })).toMatchObject({ ok: true });
});

it('Mux: a stale delivery with a wrong signature is a mismatch (the signature is checked first)', () => {
  const now = Math.floor(Date.now() / 1000);
  const headers = signWithCli(provider, { ...spec, secret: spec.wrongSecret }, body, now - 3600);
  expect(verifyWithCli(provider, spec, { body, headers, now })).toMatchObject({
    ok: false,
    reason: 'mismatch',
  });
});
