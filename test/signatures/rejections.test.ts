import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../src/options/headers.js';
import { PROVIDER_NAMES as SCHEME_NAMES } from '../../src/providers/registry.js';
import type { VerifyInput } from '../../src/signatures/types.js';
import { schemeFor } from '../helpers/signing.js';

const T = 1_700_000_000;
const body = Buffer.from('{"event":"ping","n":1}');
const SVIX = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SVIX = 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY';

function signed(
  name: string,
  secret: string,
  extra: Partial<{ id: string; timestamp: number }> = {},
): HeaderList {
  return schemeFor(name).sign({ body, secret, timestamp: T, id: 'msg_abc', ...extra });
}

function verify(name: string, input: Partial<VerifyInput> & { headers: HeaderList }) {
  return schemeFor(name).verify({ body, secrets: ['s3cret'], now: T, ...input });
}

const secretOf = (name: string) => (name === 'standard-webhooks' ? SVIX : 's3cret');
const wrongSecretOf = (name: string) => (name === 'standard-webhooks' ? OTHER_SVIX : 'other');

describe.each(['github', 'stripe', 'standard-webhooks', 'shopify', 'slack', 'hmac'])(
  '%s rejections',
  (name) => {
    const secret = secretOf(name);
    const headers = signed(name, secret);

    it('accepts the untouched delivery', () => {
      expect(verify(name, { headers, secrets: [secret] })).toEqual({
        ok: true,
        scheme: name,
        secretIndex: 0,
      });
    });

    it('altered body → mismatch', () => {
      const result = verify(name, {
        headers,
        secrets: [secret],
        body: Buffer.from('{"event":"ping","n":2}'),
      });
      expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
      expect(result.detail).toMatch(/does not match \(wrong secret, or the body was changed\)$/);
    });

    it('wrong secret → mismatch', () => {
      expect(verify(name, { headers, secrets: [wrongSecretOf(name)] })).toMatchObject({
        ok: false,
        reason: 'mismatch',
      });
    });

    it('rotated secrets: passes with any, and says which', () => {
      expect(verify(name, { headers, secrets: [wrongSecretOf(name), secret] })).toEqual({
        ok: true,
        scheme: name,
        secretIndex: 1,
      });
      const result = verify(name, { headers, secrets: [wrongSecretOf(name), wrongSecretOf(name)] });
      expect(result.detail).toMatch(/matches none of the 2 secrets/);
    });

    it('no secrets → no-secret', () => {
      expect(verify(name, { headers, secrets: [] })).toMatchObject({ ok: false, reason: 'no-secret' });
    });

    it('no headers → missing-header', () => {
      expect(verify(name, { headers: [] })).toMatchObject({ ok: false, reason: 'missing-header' });
    });

    it('header names are matched case-insensitively', () => {
      const upper = headers.map(([key, value]): [string, string] => [key.toUpperCase(), value]);
      const lower = headers.map(([key, value]): [string, string] => [key.toLowerCase(), value]);
      expect(verify(name, { headers: upper, secrets: [secret] }).ok).toBe(true);
      expect(verify(name, { headers: lower, secrets: [secret] }).ok).toBe(true);
    });
  },
);

describe('exact reasons and details', () => {
  it('github', () => {
    expect(verify('github', { headers: [] }).detail).toBe('X-Hub-Signature-256 header is missing');
    expect(verify('github', { headers: [['X-Hub-Signature-256', 'sha1=abc']] })).toMatchObject({
      reason: 'malformed-header',
      detail: 'X-Hub-Signature-256 is not sha256=<64 hex digits>',
    });
  });

  it('github: the legacy sha1 header counts only when it is the only one', () => {
    const sha1 = `sha1=${hexHmac('sha1', 's3cret', body)}`;
    expect(verify('github', { headers: [['X-Hub-Signature', sha1]] })).toEqual({
      ok: true,
      scheme: 'github',
      secretIndex: 0,
    });
    const bad256: HeaderList = [
      ['X-Hub-Signature', sha1],
      ['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`],
    ];
    expect(verify('github', { headers: bad256 })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('stripe: malformed headers', () => {
    const cases: Array<[string, string]> = [
      ['v1=abc', 'Stripe-Signature has no t=<timestamp>'],
      ['t=soon,v1=abc', 'Stripe-Signature has a t= value that is not a Unix timestamp'],
      [`t=${T},v0=abc`, 'Stripe-Signature has no v1=<signature>'],
    ];
    for (const [value, detail] of cases) {
      expect(verify('stripe', { headers: [['Stripe-Signature', value]] })).toMatchObject({
        ok: false,
        reason: 'malformed-header',
        detail,
      });
    }
  });

  it('stripe: any one of several v1 values may match', () => {
    const good = signed('stripe', 's3cret')[0]?.[1] as string;
    const value = `t=${T},v1=${'ab'.repeat(32)},v1=zz,${good.split(',')[1]}`;
    expect(verify('stripe', { headers: [['Stripe-Signature', value]] }).ok).toBe(true);
  });

  it('stripe: age only, 300 s by default; a future timestamp passes', () => {
    const headers = signed('stripe', 's3cret');
    expect(verify('stripe', { headers, now: T + 300 }).ok).toBe(true);
    expect(verify('stripe', { headers, now: T + 712 })).toEqual({
      ok: false,
      scheme: 'stripe',
      reason: 'timestamp-too-old',
      detail: 'timestamp 1700000000 (2023-11-14T22:13:20Z) is 11m52s old, beyond the 5m tolerance',
    });
    expect(verify('stripe', { headers, now: T - 86_400 }).ok).toBe(true);
    expect(verify('stripe', { headers, now: T + 712, toleranceSeconds: 1000 }).ok).toBe(true);
    expect(verify('stripe', { headers, now: T + 10_000_000, toleranceSeconds: 0 }).ok).toBe(true);
  });

  it('standard-webhooks: ±300 s', () => {
    const headers = signed('standard-webhooks', SVIX);
    const check = (now: number) => verify('standard-webhooks', { headers, secrets: [SVIX], now });
    expect(check(T + 300).ok).toBe(true);
    expect(check(T - 300).ok).toBe(true);
    expect(check(T + 301)).toMatchObject({ reason: 'timestamp-too-old' });
    expect(check(T - 412)).toEqual({
      ok: false,
      scheme: 'standard-webhooks',
      reason: 'timestamp-in-future',
      detail: 'timestamp 1700000000 (2023-11-14T22:13:20Z) is 6m52s in the future, beyond the 5m tolerance',
    });
  });

  it('standard-webhooks: missing, malformed and svix-* headers', () => {
    expect(verify('standard-webhooks', { headers: [] }).detail).toBe(
      'webhook-id, webhook-timestamp and webhook-signature headers are missing',
    );
    expect(verify('standard-webhooks', { headers: [['svix-id', 'msg_1']] }).detail).toBe(
      'svix-timestamp and svix-signature headers are missing',
    );
    const headers = signed('standard-webhooks', SVIX);
    const replace = (key: string, value: string): HeaderList =>
      headers.map(([k, v]): [string, string] => [k, k === key ? value : v]);
    const cases: Array<[HeaderList, string]> = [
      [replace('webhook-id', 'msg.1'), 'webhook-id contains ".", which Standard Webhooks forbids'],
      [replace('webhook-timestamp', 'yesterday'), 'webhook-timestamp is not a Unix timestamp'],
      [replace('webhook-signature', 'v2,abc'), 'webhook-signature has no v1,<base64> signature (only v2)'],
      [replace('webhook-signature', 'v1a,abc'), 'webhook-signature has no v1,<base64> signature (only v1a)'],
    ];
    for (const [input, detail] of cases) {
      expect(verify('standard-webhooks', { headers: input, secrets: [SVIX] })).toMatchObject({
        reason: 'malformed-header',
        detail,
      });
    }
    const svix = headers.map(([k, v]): [string, string] => [k.replace('webhook-', 'Svix-'), v]);
    expect(verify('standard-webhooks', { headers: svix, secrets: [SVIX] }).ok).toBe(true);
  });

  it('standard-webhooks: sign rejects ids with "." and secrets that are not base64', () => {
    expect(() => signed('standard-webhooks', SVIX, { id: 'a.b' })).toThrow(
      'the webhook id "a.b" cannot be signed',
    );
    expect(() => signed('standard-webhooks', 'whsec_not base64!')).toThrow(
      'the secret is not a Standard Webhooks secret: the part after whsec_ must be base64',
    );
  });

  it('standard-webhooks: generates msg_ ids when none is given', () => {
    const a = schemeFor('svix').sign({ body, secret: SVIX, timestamp: T })[0];
    const b = schemeFor('svix').sign({ body, secret: SVIX, timestamp: T })[0];
    expect(a?.[1]).toMatch(/^msg_[0-9A-Za-z]{24}$/);
    expect(a?.[1]).not.toBe(b?.[1]);
  });

  it('slack: ±300 s, missing and malformed headers', () => {
    const headers = signed('slack', 's3cret');
    expect(verify('slack', { headers, now: T + 301 })).toMatchObject({ reason: 'timestamp-too-old' });
    expect(verify('slack', { headers, now: T - 301 })).toMatchObject({ reason: 'timestamp-in-future' });
    expect(verify('slack', { headers: [headers[1] as [string, string]] }).detail).toBe(
      'X-Slack-Request-Timestamp header is missing',
    );
    expect(verify('slack', { headers: [] }).detail).toBe(
      'X-Slack-Request-Timestamp and X-Slack-Signature headers are missing',
    );
    expect(
      verify('slack', { headers: [headers[0] as [string, string], ['X-Slack-Signature', 'v1=00']] }),
    ).toMatchObject({ reason: 'malformed-header', detail: 'X-Slack-Signature is not v0=<64 hex digits>' });
  });

  it('shopify: malformed header', () => {
    expect(verify('shopify', { headers: [['X-Shopify-Hmac-Sha256', 'abc']] })).toMatchObject({
      reason: 'malformed-header',
      detail: 'X-Shopify-Hmac-Sha256 is not <base64 SHA-256 digest>',
    });
  });
});

describe('registry', () => {
  it('lists every scheme and the svix alias', () => {
    expect(SCHEME_NAMES).toEqual(
      expect.arrayContaining(['github', 'stripe', 'standard-webhooks', 'svix', 'shopify', 'slack', 'hmac']),
    );
    expect(schemeFor('svix').name).toBe('standard-webhooks');
    expect(schemeFor('GitHub').name).toBe('github');
  });

  it('rejects an unknown scheme with the list of names, control characters escaped', () => {
    expect(() => schemeFor('nope\x1b[31m')).toThrow(
      expect.objectContaining({
        message: "unknown signature scheme 'nope\\e[31m'",
        hint: "'webhook-cli providers' lists them all",
      }),
    );
  });

  it('signature headers and id headers', () => {
    expect(schemeFor('github').signatureHeaders()).toEqual(['X-Hub-Signature-256', 'X-Hub-Signature']);
    expect(schemeFor('standard-webhooks').signatureHeaders()).toEqual([
      'webhook-timestamp',
      'webhook-signature',
      'svix-timestamp',
      'svix-signature',
    ]);
    expect(schemeFor('hmac').signatureHeaders({ timestampHeader: 'X-Ts' })).toEqual(['X-Ts', 'X-Signature']);
    expect(
      Object.fromEntries(
        ['github', 'stripe', 'standard-webhooks', 'shopify', 'slack', 'hmac'].map((n) => [
          n,
          schemeFor(n).idHeader,
        ]),
      ),
    ).toEqual({
      github: 'X-GitHub-Delivery',
      stripe: undefined,
      'standard-webhooks': 'webhook-id',
      shopify: 'X-Shopify-Webhook-Id',
      slack: undefined,
      hmac: undefined,
    });
  });
});

function hexHmac(algorithm: string, secret: string, data: Buffer): string {
  return createHmac(algorithm, secret).update(data).digest('hex');
}

describe('timestamp details', () => {
  it('gives the age of a very old delivery in days', () => {
    const headers = signed('stripe', 's3cret');
    expect(verify('stripe', { headers, now: T + 412 * 86_400 + 3 * 3600 + 59 }).detail).toBe(
      'timestamp 1700000000 (2023-11-14T22:13:20Z) is 412d3h old, beyond the 5m tolerance',
    );
  });
});
