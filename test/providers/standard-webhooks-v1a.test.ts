import { generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { standardWebhooksV1a } from '../../src/providers/standard-webhooks-v1a.js';
import { signWithCli, verifyWithCli } from './provider-kit.js';

// No library implements v1a (the reference libraries sign and verify v1 only), so the oracle is
// the specification written out here with node:crypto:
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme
// Ed25519 over "msg_id.timestamp.payload", the signature base64 after "v1a,", keys base64 after
// whsk_ / whpk_. (The description is not in the registry yet, see its file, so the kit's
// describeProvider, which looks providers up by id, is replaced by these cases.)
const raw = (key: KeyObject, type: 'pkcs8' | 'spki') =>
  key.export({ format: 'der', type }).subarray(-32).toString('base64');
const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    whsk: `whsk_${raw(privateKey, 'pkcs8')}`,
    whpk: `whpk_${raw(publicKey, 'spki')}`,
  };
};
const keys = pair();
const other = pair();

const spec = {
  id: 'standard-webhooks-v1a',
  body: '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}',
  privateKey: keys.whsk,
  publicKey: keys.whpk,
};
const body = Buffer.from(spec.body);
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const NOW = 1_674_087_231;

const specSign = (id: string, timestamp: number, privateKey: KeyObject) =>
  `v1a,${sign(null, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]), privateKey).toString('base64')}`;
const specVerify = (headers: [string, string][], publicKey: KeyObject) => {
  const id = getHeader(headers, 'webhook-id') ?? '';
  const timestamp = getHeader(headers, 'webhook-timestamp') ?? '';
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]);
  return (getHeader(headers, 'webhook-signature') ?? '')
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => verify(null, signed, publicKey, Buffer.from(entry.slice(4), 'base64')));
};

describe('Standard Webhooks v1a (standard-webhooks-v1a)', () => {
  it('webhook-cli signs with the whsk_ key; the spec recipe verifies with the public key', () => {
    const headers = signWithCli(standardWebhooksV1a, spec, body, NOW);
    expect(headers.map(([name]) => name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(getHeader(headers, 'webhook-signature')).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(specVerify(headers, keys.publicKey)).toBe(true);
    expect(specVerify(headers, other.publicKey)).toBe(false);
  });

  it('the spec recipe signs; webhook-cli verifies with the whpk_ key, also next to a v1 entry (the spec example)', () => {
    const v1a = specSign(ID, NOW, keys.privateKey);
    for (const signature of [v1a, `v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= ${v1a}`]) {
      const headers: [string, string][] = [
        ['webhook-id', ID],
        ['webhook-timestamp', String(NOW)],
        ['webhook-signature', signature],
      ];
      expect(verifyWithCli(standardWebhooksV1a, spec, { body, headers, now: NOW })).toMatchObject({
        ok: true,
        scheme: 'standard-webhooks-v1a',
      });
    }
  });

  it('a changed body, another public key, a stale timestamp → their reasons', () => {
    const headers = signWithCli(standardWebhooksV1a, spec, body, NOW);
    const changed = Buffer.concat([body, Buffer.from(' ')]);
    expect(verifyWithCli(standardWebhooksV1a, spec, { body: changed, headers, now: NOW })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      verifyWithCli(standardWebhooksV1a, { ...spec, publicKey: other.whpk }, { body, headers, now: NOW }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyWithCli(standardWebhooksV1a, spec, { body, headers, now: NOW + 301 })).toMatchObject({
      ok: false,
      reason: 'timestamp-too-old',
    });
    expect(verifyWithCli(standardWebhooksV1a, spec, { body, headers, now: NOW + 300 }).ok).toBe(true);
  });

  it('a header with only v1 entries says so', () => {
    const headers: [string, string][] = [
      ['webhook-id', ID],
      ['webhook-timestamp', String(NOW)],
      ['webhook-signature', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
    ];
    expect(verifyWithCli(standardWebhooksV1a, spec, { body, headers, now: NOW })).toEqual({
      ok: false,
      scheme: 'standard-webhooks-v1a',
      reason: 'malformed-header',
      detail: 'webhook-signature has no v1a,<base64> signature (only v1)',
    });
  });
});
