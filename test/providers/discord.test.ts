import { generateKeyPairSync, sign } from 'node:crypto';
import { verifyKey } from 'discord-interactions';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, signWithCli, verifyWithCli } from './provider-kit.js';

const pair = generateKeyPairSync('ed25519');
const hexKey = (key: typeof pair.publicKey) =>
  key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const spec = {
  id: 'discord',
  // A PING interaction, as in https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
  body: '{"id":"1234567890123456789","application_id":"987654321098765432","type":1,"token":"tok","version":1}',
  privateKey: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  publicKey: hexKey(pair.publicKey),
  wrongPublicKey: hexKey(generateKeyPairSync('ed25519').publicKey),
};

// Oracle: discord-interactions (verifyKey). It only verifies; the signing side is the docs'
// recipe (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers):
// Ed25519 over timestamp + body, hex, written here with node:crypto.
describeProvider({
  ...spec,
  sdkVerify: ({ body, headers }) =>
    verifyKey(
      body,
      getHeader(headers, 'X-Signature-Ed25519') ?? '',
      getHeader(headers, 'X-Signature-Timestamp') ?? '',
      spec.publicKey,
    ),
  sdkSign: ({ body, timestamp }) => [
    ['X-Signature-Timestamp', String(timestamp)],
    [
      'X-Signature-Ed25519',
      sign(null, Buffer.concat([Buffer.from(String(timestamp)), body]), pair.privateKey).toString('hex'),
    ],
  ],
});

it('Discord: a signature over another timestamp → mismatch', () => {
  const discord = getProvider('discord');
  const body = Buffer.from(spec.body);
  const headers = signWithCli(discord, spec, body, 1_700_000_000);
  const moved = headers.map(([name, value]) =>
    name === 'X-Signature-Timestamp'
      ? ([name, '1700000001'] as [string, string])
      : ([name, value] as [string, string]),
  );
  expect(verifyWithCli(discord, spec, { body, headers: moved, now: 1_700_000_001 })).toMatchObject({
    ok: false,
    reason: 'mismatch',
  });
  expect(verifyWithCli(discord, spec, { body, headers, now: 1_800_000_000 }).ok).toBe(true);
});
