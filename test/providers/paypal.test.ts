import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// PayPal's Node SDKs verify only through PayPal's API (network). The oracle is PayPal's own
// offline check in github.com/paypal/PayPal-Python-SDK paypalrestsdk/notifications.py, written out
// here on its own: _get_expected_sig = transmission_id|timestamp|webhook_id|crc32(body) & 0xffffffff,
// _verify_signature = RSA SHA-256 over it with the certificate's key, signature base64.
const expectedSig = (transmissionId: string, timestamp: string, webhookId: string, body: Buffer) =>
  `${transmissionId}|${timestamp}|${webhookId}|${crc32(body) >>> 0}`;

const rsaPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
};
const keys = rsaPair();
const other = rsaPair();
const webhookId = '1JE4291016473214C';

// The body of the SDK's sample (samples/notification/webhook-events/verify_webhook_events.py), shortened.
const body =
  '{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_version":"1.0","create_time":"2014-10-23T17:23:52Z","resource_type":"sale","event_type":"PAYMENT.SALE.COMPLETED","summary":"A successful sale payment was made for $ 0.48 USD","resource":{"id":"80021663DE681814L","state":"completed","amount":{"total":"-0.01","currency":"USD"}}}';

// A self-signed certificate made for this test (its key is not kept), and a delivery signed with
// that key by the recipe above: the certificate form PayPal hands out, checked end to end.
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDUTCCAjmgAwIBAgIUFnLiZg19B7SY/ERvnLzvbKdJcfkwDQYJKoZIhvcNAQEL
BQAwNzE1MDMGA1UEAwwsbWVzc2FnZXZlcmlmaWNhdGlvbmNlcnRzLmV4YW1wbGUu
cGF5cGFsLnRlc3QwIBcNMjYxMjAxMDkzOTQzWhgPMjEyNjExMDcwOTM5NDNaMDcx
NTAzBgNVBAMMLG1lc3NhZ2V2ZXJpZmljYXRpb25jZXJ0cy5leGFtcGxlLnBheXBh
bC50ZXN0MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAjRs1cvYgPlK0
pzWrcxzNWIpGOBok6T1zkeM4yPIuqCJfYPXUbwjkchigVOyyaR2qMrsdHUHu5xO0
HWwUjfdh9WYucED/P6tb1vyiuQ0b9Tw+kgDtBOLortx3Nj7spjox4Owa+yTS6fAe
AhZ8xKXsOgZzEKd8EXU+MBAdpZR0rMwJSiXW6WB6Griydr8WEVg6BJwljiJFth7L
8QMf7ALYgLBgZH6C/DNjLP3j+zJJfEGxd6nhacoXVF2mp3cSCBk3OhFv3rSpxDMV
tgkxJmK+y92p7SKe1mR0QqK8MJhFfouDYMeHpt6FM4Rb1HWtkWwwhuBe8DJLx2/e
dfJZcb1nQQIDAQABo1MwUTAdBgNVHQ4EFgQU2aajG/rWW/S/fix8tNCe7bAsfDMw
HwYDVR0jBBgwFoAU2aajG/rWW/S/fix8tNCe7bAsfDMwDwYDVR0TAQH/BAUwAwEB
/zANBgkqhkiG9w0BAQsFAAOCAQEAcxWOdlBJ5T5H48T2aJc1sP0HY+wUZt7HS6WC
7dWMEPbStPT8Ta5jYxNpg9sqiBjFnezlmjbWxLZBWDJcuDwDiBt2ORz/n86FIsFs
g2aCkjtmZ2tf1ckHQpB8WBA+rzptvwpDe72CtPXUXVDE/qlaLXNjIlzNoSS8HbKd
DBwXSg+hj6b99hVv4oiXw5Ij2lUVeGOmcqAe0m3hMTsBVoQVzhIOPgAJ+WkDg8qL
iTZJ6mDKV6Y4dKCPG9cTfzhMjQBL5u8pVoaGRhdFt4WyFXo0IKOFxjix4tcfYpzz
5WDmyPjPiVvqKYXVgDw2JDxJf5hZinbDLRSfEAcX46/ni5Fitg==
-----END CERTIFICATE-----`;

const spec: ProviderSpec = {
  id: 'paypal',
  body,
  privateKey: keys.privateKey,
  publicKey: keys.publicKey,
  wrongPublicKey: other.publicKey,
  params: { 'webhook-id': webhookId },
  sdkVerify: ({ body, headers }) => {
    const message = expectedSig(
      getHeader(headers, 'PAYPAL-TRANSMISSION-ID') ?? '',
      getHeader(headers, 'PAYPAL-TRANSMISSION-TIME') ?? '',
      webhookId,
      body,
    );
    const signature = Buffer.from(getHeader(headers, 'PAYPAL-TRANSMISSION-SIG') ?? '', 'base64');
    return createVerify('sha256').update(message).verify(keys.publicKey, signature);
  },
  sdkSign: ({ body, timestamp }) => {
    const transmissionId = '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
    const time = new Date(timestamp * 1000).toISOString().replace('.000Z', 'Z');
    const message = expectedSig(transmissionId, time, webhookId, body);
    return [
      ['PAYPAL-TRANSMISSION-ID', transmissionId],
      ['PAYPAL-TRANSMISSION-TIME', time],
      ['PAYPAL-TRANSMISSION-SIG', createSign('sha256').update(message).sign(keys.privateKey, 'base64')],
      ['PAYPAL-AUTH-ALGO', 'SHA256withRSA'],
      [
        'PAYPAL-CERT-URL',
        'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      ],
    ];
  },
  vectors: [
    {
      docs: 'https://github.com/paypal/PayPal-Python-SDK/blob/master/paypalrestsdk/notifications.py',
      body,
      publicKey: CERTIFICATE,
      headers: [
        ['PAYPAL-TRANSMISSION-ID', '69cd13f0-d67a-11e5-baa3-778b53f4ae55'],
        ['PAYPAL-TRANSMISSION-TIME', '2016-02-18T20:01:35Z'],
        [
          'PAYPAL-TRANSMISSION-SIG',
          'K7mgCKhr02h2bl5y2qGfwF87rjSfvkPdE50ooOOrTgGZwdj0Aw3vg9ZN8uoJTBFL/hteJZPRQv1dot8vnjEkI7u6nXNAxDjPiCvoBHo7vxu3kZze/xmnvZevwuwymYXc42rcbrfJ1kcYrwZ6PC5hM514nxDEge5KSlTCisY9ncCMUOSPMlZm6MrNiuFTd9Ho50Pq8nCAkX/SFbLee+uR/b1ZgadiI/ENWutZgZmyI9fZ3PrvMCTSaL7eNQsEPIa4rTRoKnS3/kVEywxb+TR1FiUW0MRblQc/PkvIPVIoe+Wl/MBBJjL/4q3xLbDM3XrNKhRm/nxsNwFN7AQpbr7LFw==',
        ],
        ['PAYPAL-AUTH-ALGO', 'SHA256withRSA'],
      ],
      now: 1455825695,
    },
  ],
};
describeProvider(spec);

const provider = getProvider('paypal');
const bytes = Buffer.from(body);

it('PayPal: the webhook id is signed; another one is a mismatch, none cannot be checked', () => {
  const headers = signWithCli(provider, spec, bytes, 1455825695);
  expect(
    verifyWithCli(
      provider,
      { ...spec, params: { 'webhook-id': '9XX00000000000000' } },
      { body: bytes, headers, now: 0 },
    ),
  ).toMatchObject({ ok: false, reason: 'mismatch' });
  const result = verifyWithCli(provider, { publicKey: keys.publicKey }, { body: bytes, headers, now: 0 });
  expect(result).toMatchObject({ ok: false, reason: 'missing-input' });
  expect(result.detail).toBe('cannot check: --param webhook-id=<value> is not known');
});

it('PayPal: PAYPAL-AUTH-ALGO SHA1withRSA selects RSA SHA-1, as the SDK maps it', () => {
  const time = '2016-02-18T20:01:35Z';
  const transmissionId = '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
  const message = expectedSig(transmissionId, time, webhookId, bytes);
  const headers: [string, string][] = [
    ['PAYPAL-TRANSMISSION-ID', transmissionId],
    ['PAYPAL-TRANSMISSION-TIME', time],
    ['PAYPAL-TRANSMISSION-SIG', createSign('sha1').update(message).sign(keys.privateKey, 'base64')],
    ['PAYPAL-AUTH-ALGO', 'SHA1withRSA'],
  ];
  expect(verifyWithCli(provider, spec, { body: bytes, headers, now: 0 })).toMatchObject({ ok: true });
  const claimed256 = headers.map(([name, value]): [string, string] =>
    name === 'PAYPAL-AUTH-ALGO' ? [name, 'SHA256withRSA'] : [name, value],
  );
  expect(verifyWithCli(provider, spec, { body: bytes, headers: claimed256, now: 0 })).toMatchObject({
    ok: false,
    reason: 'mismatch',
  });
});

it('PayPal: no tolerance is applied unless asked for', () => {
  const headers = signWithCli(provider, spec, bytes, 1455825695);
  expect(verifyWithCli(provider, spec, { body: bytes, headers, now: 1_900_000_000 })).toMatchObject({
    ok: true,
  });
  expect(
    verifyWithCli(provider, spec, { body: bytes, headers, now: 1_900_000_000, toleranceSeconds: 300 }),
  ).toMatchObject({ ok: false, reason: 'timestamp-too-old' });
});
