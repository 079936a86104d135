import { createHash, createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// No Netlify SDK signs or verifies these: the oracle is the check on
// https://docs.netlify.com/site-deploys/deploy-notifications/#payload-signature, written out here
// with node:crypto: a HS256 JWS keyed with the JWS secret token, issuer "netlify", and a sha256
// claim holding the hex SHA-256 of the body.
const sha256hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const docsSign = (secret: string, body: Buffer) => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'netlify', sha256: sha256hex(body) })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
};
const docsVerify = (secret: string, token: string, body: Buffer) => {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return false;
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
  if (alg !== 'HS256') return false;
  if (createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') !== signature)
    return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: string;
    sha256?: string;
  };
  return claims.iss === 'netlify' && claims.sha256 === sha256hex(body);
};

const spec: ProviderSpec = {
  id: 'netlify',
  body: '{"id":"5ebc34bf4fea0b01f02efa3a","site_id":"fa4dd95a-994e-4f89-8a7a-2d9e9fc36a32","state":"ready","name":"www-example","context":"production"}',
  secret: 'netlify-jws-secret-token-6f1d2c8b9a',
  wrongSecret: 'netlify-jws-secret-token-6f1d2c8b9b',
  sdkVerify: ({ body, headers, secret }) =>
    docsVerify(secret as string, getHeader(headers, 'X-Webhook-Signature') ?? '', body),
  sdkSign: ({ body, secret }) => [['X-Webhook-Signature', docsSign(secret as string, body)]],
};
describeProvider(spec);

const netlify = getProvider('netlify');

it('Netlify: a JWS from another issuer is refused, and says so', () => {
  const body = Buffer.from(spec.body);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'someone', sha256: sha256hex(body) })}`;
  const token = `${unsigned}.${createHmac('sha256', spec.secret as string)
    .update(unsigned)
    .digest('base64url')}`;
  expect(verifyWithCli(netlify, spec, { body, headers: [['X-Webhook-Signature', token]], now: 0 })).toEqual({
    ok: false,
    scheme: 'netlify',
    reason: 'mismatch',
    detail: 'X-Webhook-Signature was issued by "someone", not "netlify"',
  });
  expect(signWithCli(netlify, spec, body, 1_767_225_600)[0]?.[0]).toBe('X-Webhook-Signature');
});
