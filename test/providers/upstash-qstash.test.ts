import { createHash, createHmac } from 'node:crypto';
import { Receiver } from '@upstash/qstash';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

const CURRENT = 'sig_7RvLjqfZBvP5KEUimQCE1pvpLuou';
const NEXT = 'sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs';
const URL = 'https://my-app.vercel.app/api/endpoint';

// The JWT exactly as https://upstash.com/docs/qstash/features/security describes it (header
// {"alg":"HS256","typ":"JWT"}; claims iss, sub, exp, nbf, iat, jti, body), written here with
// node:crypto: the SDK only verifies (QStash's servers sign).
const docsJwt = (key: string, body: Buffer, url: string, iat: number) => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    iss: 'Upstash',
    sub: url,
    exp: iat + 300,
    nbf: iat,
    iat,
    jti: 'jwt_67kxXD6UBAk7DqU6hzuHMDdXFXfP',
    body: createHash('sha256').update(body).digest('base64url'),
  };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
};

// Oracle: @upstash/qstash's Receiver.verify (current key, then next key).
const spec: ProviderSpec = {
  id: 'upstash-qstash',
  body: '{"hello":"world"}',
  secret: CURRENT,
  wrongSecret: 'sig_4nmFTGpZGPZZ2uUmpv5Wk5Lh1ZHc',
  url: URL,
  sdkVerify: async ({ body, headers, secret, url }) => {
    try {
      return await new Receiver({
        currentSigningKey: secret as string,
        nextSigningKey: NEXT,
        devMode: false,
      }).verify({
        signature: getHeader(headers, 'Upstash-Signature') ?? '',
        body: body.toString('utf8'),
        url: url as string,
      });
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret, timestamp, url }) => [
    ['Upstash-Signature', docsJwt(secret as string, body, url as string, timestamp)],
  ],
};
describeProvider(spec);

const qstash = getProvider('qstash');
const body = Buffer.from(spec.body);
const now = Math.floor(Date.now() / 1000);

it('Upstash QStash: a JWT signed with the next key passes with both keys given (rotation), as in the SDK', async () => {
  const headers: [string, string][] = [['Upstash-Signature', docsJwt(NEXT, body, URL, now)]];
  expect(
    verifyWithCli(qstash, { ...spec, secret: CURRENT }, { body, headers, now, secrets: [CURRENT, NEXT] }),
  ).toMatchObject({ ok: true, scheme: 'upstash-qstash' });
  expect(
    await new Receiver({ currentSigningKey: CURRENT, nextSigningKey: NEXT, devMode: false }).verify({
      signature: headers[0]?.[1] as string,
      body: spec.body,
      url: URL,
    }),
  ).toBe(true);
});

it('Upstash QStash: an expired JWT, another URL and another body are refused with their reasons', () => {
  const headers = signWithCli(qstash, spec, body, now);
  expect(verifyWithCli(qstash, spec, { body, headers, now: now + 301 })).toMatchObject({
    ok: false,
    reason: 'timestamp-too-old',
  });
  expect(verifyWithCli(qstash, { ...spec, url: 'https://evil.example/x' }, { body, headers, now })).toEqual({
    ok: false,
    scheme: 'upstash-qstash',
    reason: 'mismatch',
    detail: `Upstash-Signature was signed for "${URL}", not "https://evil.example/x"`,
  });
  expect(verifyWithCli(qstash, spec, { body: Buffer.from('{"hello":"there"}'), headers, now })).toMatchObject(
    {
      ok: false,
      reason: 'mismatch',
      detail: 'Upstash-Signature: the body\'s SHA-256 differs from the "body" claim (the body was changed)',
    },
  );
});
