import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderDescription, SignatureDescription } from '../../src/providers/types.js';
import { signJwt, verifyJwt } from '../../src/signatures/jwt.js';
import { signIntoBody, signRequest } from '../../src/signatures/sign-signature.js';
import { renderSigned } from '../../src/signatures/signed-content.js';
import { verifySignature } from '../../src/signatures/verify-signature.js';

const T = 1_700_000_000;
const body = Buffer.from('{"a":1}');

function provider(signature: SignatureDescription): ProviderDescription {
  return { id: 'test', name: 'Test', docs: 'https://example.com', summary: 'a test provider', signature };
}

describe('signed templates', () => {
  // The CRC-32 checked against Python's zlib.crc32(b'{"a":1}').
  it('fills every placeholder', () => {
    const rendered = renderSigned(
      '{method} {url}|{timestamp}|{id}|{header:X-A}|{json:a}|{param:p}|{crc32:body}|{{x}}',
      {
        body,
        headers: [['x-a', 'A']],
        method: 'post',
        url: 'https://example.com/hook',
        timestamp: '5',
        id: 'i',
        params: { p: 'P' },
        json: { a: 1 },
      },
    );
    expect(rendered).toEqual({
      ok: true,
      bytes: Buffer.from('POST https://example.com/hook|5|i|A|1|P|1444654255|{x}'),
    });
  });

  it('says what is missing', () => {
    expect(renderSigned('{url}{body}', { body, headers: [] })).toEqual({
      ok: false,
      missing: 'the URL the provider called',
    });
    expect(renderSigned('{param:webhook-id}', { body, headers: [] })).toEqual({
      ok: false,
      missing: '--param webhook-id=<value>',
    });
  });

  it('sorts form parameters by name for {form:sorted} (Twilio)', () => {
    const form = Buffer.from('To=%2B1&From=%2B2&Body=hi+there');
    expect(renderSigned('{url}{form:sorted}', { body: form, headers: [], url: 'https://x/y' })).toEqual({
      ok: true,
      bytes: Buffer.from('https://x/yBodyhi thereFrom+2To+1'),
    });
  });
});

describe('asymmetric engines', () => {
  const cases = [
    ['ed25519', generateKeyPairSync('ed25519'), 'hex-raw'],
    ['ecdsa-p256-sha256', generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'base64-spki'],
    ['rsa-sha256', generateKeyPairSync('rsa', { modulusLength: 2048 }), 'pem'],
  ] as const;
  it.each(cases)('%s signs and verifies; another key or body fails', (algorithm, pair, form) => {
    const other =
      algorithm === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : algorithm === 'rsa-sha256'
          ? generateKeyPairSync('rsa', { modulusLength: 2048 })
          : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicText = (key: typeof pair.publicKey) =>
      form === 'hex-raw'
        ? key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')
        : form === 'base64-spki'
          ? key.export({ format: 'der', type: 'spki' }).toString('base64')
          : (key.export({ format: 'pem', type: 'spki' }) as string);
    const p = provider({
      algorithm,
      signed: '{timestamp}{body}',
      format: { kind: 'header', header: 'X-Sig' },
      encoding: 'base64',
      publicKey: { form, where: 'test', example: 'test' },
      timestamp: {
        in: { header: 'X-Ts' },
        unit: 'unix-seconds',
        toleranceSeconds: 300,
        direction: 'both',
        checked: 'before',
      },
    });
    const privateKey = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const headers = signRequest(p, { body, timestamp: T, privateKey });
    expect(headers.map(([name]) => name)).toEqual(['X-Ts', 'X-Sig']);
    const check = (publicKey: string, b = body) =>
      verifySignature(p, { body: b, headers, secrets: [], publicKey, now: T });
    expect(check(publicText(pair.publicKey))).toEqual({ ok: true, scheme: 'test' });
    expect(check(publicText(other.publicKey))).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(check(publicText(pair.publicKey), Buffer.from('{"a":2}'))).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature(p, { body, headers, secrets: [], now: T })).toMatchObject({
      ok: false,
      reason: 'no-secret',
    });
  });
});

describe('JWT engine', () => {
  const key = Buffer.from('k');
  it('verifies HS256, rejects other algorithms, keys and malformed tokens', () => {
    const token = signJwt({ iss: 'x' }, key);
    expect(verifyJwt(token, [Buffer.from('other'), key], ['HS256'])).toMatchObject({
      ok: true,
      keyIndex: 1,
      claims: { iss: 'x' },
    });
    expect(verifyJwt(token, [Buffer.from('other')], ['HS256'])).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyJwt(token, [key], ['HS512'])).toMatchObject({ ok: false, reason: 'algorithm' });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect(verifyJwt(none, [key], ['HS256'])).toMatchObject({ ok: false, reason: 'algorithm' });
    expect(verifyJwt('a.b', [key], ['HS256'])).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('checks the body hash, issuer and expiry claims of a JWS signature', () => {
    const p = provider({
      algorithm: 'hmac-sha256',
      signed: '{body}',
      format: { kind: 'header', header: 'X-Webhook-Signature' },
      encoding: 'base64url',
      secret: { decode: 'utf8', where: 'test', example: 'k' },
      jwt: { algorithms: ['HS256'], issuer: 'netlify', bodyHash: { claim: 'sha256', encoding: 'hex' } },
    });
    const headers = signRequest(p, { body, timestamp: T, secret: 'k' });
    expect(verifySignature(p, { body, headers, secrets: ['k'], now: T })).toEqual({
      ok: true,
      scheme: 'test',
      secretIndex: 0,
    });
    expect(verifySignature(p, { body: Buffer.from('x'), headers, secrets: ['k'], now: T })).toMatchObject({
      reason: 'mismatch',
      detail:
        'X-Webhook-Signature: the body\'s SHA-256 differs from the "sha256" claim (the body was changed)',
    });
    expect(verifySignature(p, { body, headers, secrets: ['other'], now: T })).toMatchObject({
      reason: 'mismatch',
    });
    expect(verifySignature(p, { body, headers, secrets: ['k'], now: T + 301 })).toMatchObject({
      reason: 'timestamp-too-old',
    });
  });
});

describe('token engine', () => {
  it('compares the header with the secret', () => {
    const p = provider({
      algorithm: 'token',
      signed: '',
      format: { kind: 'header', header: 'X-Gitlab-Token' },
      encoding: 'hex',
      secret: { decode: 'utf8', where: 'test', example: 't' },
    });
    expect(signRequest(p, { body, timestamp: T, secret: 'tok' })).toEqual([['X-Gitlab-Token', 'tok']]);
    expect(
      verifySignature(p, { body, headers: [['x-gitlab-token', 'tok']], secrets: ['tok'], now: T }).ok,
    ).toBe(true);
    expect(
      verifySignature(p, { body, headers: [['x-gitlab-token', 'tok']], secrets: ['tak'], now: T }),
    ).toMatchObject({ reason: 'mismatch' });
  });
});

describe('pairs with ms timestamps and ; separators (Paddle-like)', () => {
  it('signs and verifies "ts=<ms>;h1=<hex>"', () => {
    const p = provider({
      algorithm: 'hmac-sha256',
      signed: '{timestamp}:{body}',
      format: {
        kind: 'pairs',
        header: 'P-Sig',
        pairSeparator: ';',
        keyValueSeparator: '=',
        signatureKey: 'h1',
        timestampKey: 'ts',
      },
      encoding: 'hex',
      secret: { decode: 'utf8', where: 'test', example: 'k' },
      timestamp: {
        in: 'signature-header',
        unit: 'unix-ms',
        toleranceSeconds: 5,
        direction: 'both',
        checked: 'before',
      },
    });
    const headers = signRequest(p, { body, timestamp: T, secret: 'k' });
    const hex = createHmac('sha256', 'k')
      .update(`${T * 1000}:${body}`)
      .digest('hex');
    expect(headers).toEqual([['P-Sig', `ts=${T * 1000};h1=${hex}`]]);
    expect(verifySignature(p, { body, headers, secrets: ['k'], now: T }).ok).toBe(true);
    expect(verifySignature(p, { body, headers, secrets: ['k'], now: T + 6 })).toMatchObject({
      reason: 'timestamp-too-old',
    });
  });
});

describe('keys that do not fit', () => {
  const p = provider({
    algorithm: 'ed25519',
    signed: '{body}',
    format: { kind: 'header', header: 'X-Sig' },
    encoding: 'hex',
    publicKey: { form: 'hex-raw', where: 'test', example: '<64 hex digits>' },
  });
  it('a public key that is not the provider form fails the check with the reason, never throws', () => {
    const result = verifySignature(p, {
      body,
      headers: [['X-Sig', 'ab'.repeat(64)]],
      secrets: [],
      publicKey: 'abcd',
      now: T,
    });
    expect(result).toEqual({
      ok: false,
      scheme: 'test',
      reason: 'no-secret',
      detail: 'the public key is not a Test key: --public-key: not a 32-byte Ed25519 public key',
    });
  });

  it('loadSignatureKeys refuses it before any delivery, with the flag and the expected form', async () => {
    const { loadSignatureKeys } = await import('../../src/signatures/load-keys.js');
    await expect(
      loadSignatureKeys(
        { settings: { provider: p, secrets: [] }, publicKey: { text: 'abcd' } },
        { cwd: '/' },
      ),
    ).rejects.toThrow(
      expect.objectContaining({
        message: '--public-key: not a 32-byte Ed25519 public key',
        hint: 'expected a hex Ed25519 public key (64 hex digits), e.g. <64 hex digits>',
      }),
    );
  });
});

describe('signatures in the body and custom signed bytes', () => {
  it('reads a signature, its timestamp and the signed fields from the JSON body (Mailgun-like); sign writes it into the body', () => {
    const p = provider({
      algorithm: 'hmac-sha256',
      signed: '{json:signature.timestamp}{json:signature.token}',
      format: { kind: 'json', path: 'signature.signature' },
      encoding: 'hex',
      secret: { decode: 'utf8', where: 'test', example: 'k' },
      timestamp: {
        in: { json: 'signature.timestamp' },
        unit: 'unix-seconds',
        toleranceSeconds: 300,
        direction: 'both',
        checked: 'before',
      },
    });
    const sig = createHmac('sha256', 'k').update(`${T}tok`).digest('hex');
    const signed = Buffer.from(
      JSON.stringify({ signature: { timestamp: String(T), token: 'tok', signature: sig }, 'event-data': {} }),
    );
    expect(verifySignature(p, { body: signed, headers: [], secrets: ['k'], now: T })).toEqual({
      ok: true,
      scheme: 'test',
      secretIndex: 0,
    });
    expect(verifySignature(p, { body: signed, headers: [], secrets: ['k'], now: T + 301 })).toMatchObject({
      reason: 'timestamp-too-old',
    });
    expect(
      verifySignature(p, { body: Buffer.from('{}'), headers: [], secrets: ['k'], now: T }),
    ).toMatchObject({
      reason: 'missing-header',
      detail: 'the body has no signature.signature signature field',
    });
    expect(() => signRequest(p, { body: signed, timestamp: T, secret: 'k' })).toThrow(
      'Test puts its signature in the body (signature.signature); it cannot be sent as a header',
    );
    // Written into the body instead: only that value changes, and it verifies.
    const unsigned = Buffer.from(`{"signature": {"timestamp": ${T}, "token": "tok"}, "x": [1,  2]}`);
    const written = signIntoBody(p, { body: unsigned, timestamp: T, secret: 'k' });
    expect(written.toString()).toBe(
      `{"signature": {"timestamp": ${T}, "token": "tok","signature": "${createHmac('sha256', 'k').update(`${T}tok`).digest('hex')}"}, "x": [1,  2]}`,
    );
    expect(verifySignature(p, { body: written, headers: [], secrets: ['k'], now: T })).toMatchObject({
      ok: true,
    });
  });

  it('custom signedBytes, algorithm and check are used instead of the template', () => {
    const p = provider({
      algorithm: 'hmac-sha256',
      signed: '{body}',
      format: { kind: 'header', header: 'X-Sig' },
      encoding: 'hex',
      secret: { decode: 'utf8', where: 'test', example: 'k' },
      custom: {
        signedBytes: (values) => {
          const name = (values.json as { name?: string } | undefined)?.name;
          return name === undefined ? { missing: 'the JSON field name' } : Buffer.from(`name:${name}`);
        },
        algorithm: (values) => ((values.json as { v?: number }).v === 1 ? 'hmac-sha1' : 'hmac-sha256'),
        check: (values) =>
          (values.json as { ok?: boolean }).ok === false ? 'the body says it is not ok' : undefined,
      },
    });
    const body = Buffer.from('{"name":"a","v":1}');
    const headers = signRequest(p, { body, timestamp: T, secret: 'k' });
    expect(headers).toEqual([['X-Sig', createHmac('sha1', 'k').update('name:a').digest('hex')]]);
    expect(verifySignature(p, { body, headers, secrets: ['k'], now: T }).ok).toBe(true);
    const notOk = Buffer.from('{"name":"a","v":1,"ok":false}');
    expect(verifySignature(p, { body: notOk, headers, secrets: ['k'], now: T })).toMatchObject({
      reason: 'mismatch',
      detail: 'the body says it is not ok',
    });
    expect(
      verifySignature(p, { body: Buffer.from('{"v":1}'), headers, secrets: ['k'], now: T }),
    ).toMatchObject({
      reason: 'missing-input',
      detail: 'cannot check: the JSON field name is not known',
    });
  });
});
