import { generateKeyPairSync, sign } from 'node:crypto';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, signWithCli, verifyWithCli } from './provider-kit.js';

const pair = generateKeyPairSync('ed25519');
const rawKey = (key: typeof pair.publicKey) =>
  key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
const spec = {
  id: 'telnyx',
  body: '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2026-01-01T00:00:00.000+00:00","payload":{"text":"hi"},"record_type":"event"},"meta":{"attempt":1}}',
  privateKey: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  publicKey: rawKey(pair.publicKey),
  wrongPublicKey: rawKey(generateKeyPairSync('ed25519').publicKey),
};

// Oracle: the telnyx SDK's TelnyxWebhook.verify (lib/webhooks.js), which reads the real clock.
// It only verifies; the signing side follows what it checks: Ed25519 over "<timestamp>|<body>", base64.
describeProvider({
  ...spec,
  sdkVerify: async ({ body, headers }) => {
    try {
      await new TelnyxWebhook(spec.publicKey).verify(body.toString('utf8'), Object.fromEntries(headers));
      return true;
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, timestamp }) => [
    ['telnyx-timestamp', String(timestamp)],
    [
      'telnyx-signature-ed25519',
      sign(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), pair.privateKey).toString('base64'),
    ],
  ],
});

it('Telnyx: a timestamp more than 300 s in the future → timestamp-in-future, as the SDK rejects it', async () => {
  const telnyx = getProvider('telnyx');
  const body = Buffer.from(spec.body);
  const now = Math.floor(Date.now() / 1000);
  const headers = signWithCli(telnyx, spec, body, now + 301);
  expect(verifyWithCli(telnyx, spec, { body, headers, now })).toMatchObject({
    ok: false,
    reason: 'timestamp-in-future',
  });
  await expect(
    new TelnyxWebhook(spec.publicKey).verify(body.toString('utf8'), Object.fromEntries(headers)),
  ).rejects.toThrow('too old or too new');
});
