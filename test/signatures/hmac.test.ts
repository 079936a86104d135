import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { schemeFor } from '../helpers/signing.js';

const hmac = schemeFor('hmac');
const body = Buffer.from('{"order":42}');
const T = 1_700_000_000;
const DIGITS = { sha1: 40, sha256: 64, sha512: 128 };
const NAMES = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

describe('generic hmac scheme', () => {
  it('defaults: X-Signature, hex HMAC-SHA256 of the body, no prefix', () => {
    const expected = createHmac('sha256', 'k').update(body).digest('hex');
    expect(hmac.sign({ body, secret: 'k', timestamp: T })).toEqual([['X-Signature', expected]]);
    expect(hmac.verify({ body, headers: [['x-signature', expected]], secrets: ['k'], now: T }).ok).toBe(true);
  });

  it.each([
    ['sha1', 'hex'],
    ['sha256', 'base64'],
    ['sha512', 'hex'],
    ['sha512', 'base64'],
  ] as const)('%s / %s with a prefix and custom header', (algorithm, encoding) => {
    const options = { algorithm, encoding, signatureHeader: 'X-Hook-Sig', prefix: `${algorithm}=` };
    const expected = `${algorithm}=${createHmac(algorithm, 'k').update(body).digest(encoding)}`;
    const headers = hmac.sign({ body, secret: 'k', timestamp: T, hmac: options });
    expect(headers).toEqual([['X-Hook-Sig', expected]]);
    expect(hmac.verify({ body, headers, secrets: ['k'], now: T, hmac: options }).ok).toBe(true);
    expect(
      hmac.verify({ body, headers, secrets: ['k'], now: T, hmac: { ...options, prefix: 'v1=' } }),
    ).toMatchObject({
      reason: 'malformed-header',
      detail: `X-Hook-Sig is not v1=<${encoding === 'hex' ? `${DIGITS[algorithm]} hex digits` : `base64 ${NAMES[algorithm]} digest`}>`,
    });
  });

  it('with a timestamp header: signs "<ts>.<body>" and checks ±300 s', () => {
    const options = { timestampHeader: 'X-Timestamp' };
    const headers = hmac.sign({ body, secret: 'k', timestamp: T, hmac: options });
    const expected = createHmac('sha256', 'k').update(`${T}.${body}`).digest('hex');
    expect(headers).toEqual([
      ['X-Timestamp', String(T)],
      ['X-Signature', expected],
    ]);
    const check = (now: number) => hmac.verify({ body, headers, secrets: ['k'], now, hmac: options });
    expect(check(T + 300).ok).toBe(true);
    expect(check(T + 301).reason).toBe('timestamp-too-old');
    expect(check(T - 301).reason).toBe('timestamp-in-future');
    expect(
      hmac.verify({ body, headers: [headers[1] as [string, string]], secrets: ['k'], now: T, hmac: options }),
    ).toMatchObject({
      reason: 'missing-header',
      detail: 'X-Timestamp header is missing',
    });
  });

  it('a digest of the wrong length or encoding is malformed', () => {
    expect(hmac.verify({ body, headers: [['X-Signature', 'abcd']], secrets: ['k'], now: T })).toMatchObject({
      reason: 'malformed-header',
      detail: 'X-Signature is not <64 hex digits>',
    });
  });
});
