import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Paddle } from '@paddle/paddle-node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import {
  describeProvider,
  type ProviderSpec,
  type SignedDelivery,
  signWithCli,
  verifyWithCli,
} from './provider-kit.js';

// Oracle: @paddle/paddle-node-sdk, Paddle's own SDK: webhooks.isSignatureValid (HMAC plus its
// five-second age check). The SDK does not sign: the signing side is the recipe on
// https://developer.paddle.com/webhooks/about/signature-verification written out here on its own:
// HMAC-SHA256 of "<ts>:<raw body>" with the secret key, hex, sent as "ts=<ts>;h1=<hex>".
const paddleSdk = new Paddle('pdl_sdbx_apikey_unused');
const recipe = (secret: string, timestamp: number, body: Buffer) =>
  `ts=${timestamp};h1=${createHmac('sha256', secret).update(`${timestamp}:`).update(body).digest('hex')}`;

const sdkVerify = ({ body, headers, secret }: SignedDelivery) =>
  paddleSdk.webhooks.isSignatureValid(
    body.toString('utf8'),
    secret as string,
    getHeader(headers, 'Paddle-Signature') ?? '',
  );

const secret = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI';
const spec: ProviderSpec = {
  id: 'paddle',
  // The shape of https://developer.paddle.com/webhooks/about/how-webhooks-work's example.
  body: '{"event_id":"evt_01h8bzakzx3hm2fmen703n5q45","event_type":"transaction.paid","occurred_at":"2023-08-21T11:57:47.390028Z","notification_id":"ntf_01h8bzam1z32agrxjwhjgqk8w6","data":{"id":"txn_01h8bz9tfb1a5c2kgpaz2nbjmn","status":"paid"}}',
  secret,
  wrongSecret: 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_wrongwrongwrongwrongwrongwrong12',
  sdkVerify,
  sdkSign: ({ body, secret, timestamp }) => [['Paddle-Signature', recipe(secret as string, timestamp, body)]],
};
describeProvider(spec);

const provider = getProvider('paddle');
const body = Buffer.from(spec.body);

it('Paddle: any h1 may match during a secret rotation, and the SDK also rejects a stale one', async () => {
  const now = Math.floor(Date.now() / 1000);
  const [[, signed]] = signWithCli(provider, spec, body, now) as [[string, string]];
  const rotated = `${signed.replace('h1=', 'h1=00000000000000000000000000000000000000000000000000000000000000ff;h1=')}`;
  expect(rotated.split(';h1=')).toHaveLength(3);
  expect(
    verifyWithCli(provider, spec, { body, headers: [['Paddle-Signature', rotated]], now }),
  ).toMatchObject({
    ok: true,
  });
  const stale = signWithCli(provider, spec, body, now - 6);
  expect(await sdkVerify({ body, headers: stale, secret, timestamp: now })).toBe(false);
  expect(verifyWithCli(provider, spec, { body, headers: stale, now })).toMatchObject({
    ok: false,
    reason: 'timestamp-too-old',
  });
});

it('Paddle: a timestamp in the future passes, as in the SDK (which checks age only)', async () => {
  const now = Math.floor(Date.now() / 1000);
  const future = signWithCli(provider, spec, body, now + 60);
  expect(await sdkVerify({ body, headers: future, secret, timestamp: now })).toBe(true);
  expect(verifyWithCli(provider, spec, { body, headers: future, now })).toMatchObject({ ok: true });
});

it('Paddle: a header without ts= says so', () => {
  const result = verifyWithCli(provider, spec, {
    body,
    headers: [['Paddle-Signature', 'h1=abc']],
    now: 0,
  });
  expect(result).toMatchObject({ ok: false, reason: 'malformed-header' });
  expect(result.detail).toBe('Paddle-Signature has no ts=<timestamp>');
});

describe('Paddle through webhook-cli sign', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddle-'));
    await writeFile(join(dir, 'notification.json'), spec.body);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a Paddle-Signature the SDK accepts', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const result = await runCli(['sign', 'notification.json', '--scheme', 'paddle', '--timestamp', now], {
      cwd: dir,
      env: { WEBHOOK_SECRET: secret },
    });
    expect(result.code).toBe(0);
    const match = /^Paddle-Signature: (ts=(\d+);h1=[0-9a-f]{64})\n$/.exec(result.stdout);
    expect(match?.[2]).toBe(now);
    expect(await paddleSdk.webhooks.isSignatureValid(spec.body, secret, match?.[1] ?? '')).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
