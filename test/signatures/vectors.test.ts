import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemeFor } from '../helpers/signing.js';

describe('published test vectors (FIELD.md)', () => {
  it("GitHub's docs vector", () => {
    const body = Buffer.from('Hello, World!');
    const secret = "It's a Secret to Everybody";
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(schemeFor('github').sign({ body, secret, timestamp: 0 })).toEqual([
      ['X-Hub-Signature-256', expected],
    ]);
    expect(
      schemeFor('github').verify({
        body,
        headers: [['X-Hub-Signature-256', expected]],
        secrets: [secret],
        now: 0,
      }),
    ).toEqual({ ok: true, scheme: 'github', secretIndex: 0 });
  });

  it("Standard Webhooks' vector", () => {
    const input = {
      body: Buffer.from('{"test": 2432232314}'),
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    };
    const headers = schemeFor('standard-webhooks').sign(input);
    expect(headers).toEqual([
      ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
      ['webhook-timestamp', '1614265330'],
      ['webhook-signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ]);
    const result = schemeFor('svix').verify({
      body: input.body,
      headers,
      secrets: [input.secret],
      now: 1614265330,
    });
    expect(result).toEqual({ ok: true, scheme: 'standard-webhooks', secretIndex: 0 });
  });
});

// Shopify and Slack have no Node library of their own here: compute the HMAC in the test as their
// docs describe it and check both directions.
describe('shopify, as its docs describe it', () => {
  // https://shopify.dev/docs/apps/build/webhooks/subscribe/https: base64 HMAC-SHA256 of the raw body.
  const docs = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('base64');
  const shopify = schemeFor('shopify');

  it('signs and verifies like the documented computation, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ minLength: 1 }), (bytes, secret) => {
        const body = Buffer.from(bytes);
        expect(shopify.sign({ body, secret, timestamp: 0 })).toEqual([
          ['X-Shopify-Hmac-Sha256', docs(secret, body)],
        ]);
        const headers: Array<[string, string]> = [['x-shopify-hmac-sha256', docs(secret, body)]];
        expect(shopify.verify({ body, headers, secrets: [secret], now: 0 }).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('slack, as its docs describe it', () => {
  // https://api.slack.com/authentication/verifying-requests-from-slack:
  // 'v0=' + hex HMAC-SHA256(signing secret, 'v0:' + timestamp + ':' + body).
  const docs = (secret: string, timestamp: number, body: Buffer) =>
    `v0=${createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from(`v0:${timestamp}:`), body]))
      .digest('hex')}`;
  const slack = schemeFor('slack');

  it('signs and verifies like the documented computation, for any bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
        (bytes, secret, timestamp) => {
          const body = Buffer.from(bytes);
          expect(slack.sign({ body, secret, timestamp })).toEqual([
            ['X-Slack-Request-Timestamp', String(timestamp)],
            ['X-Slack-Signature', docs(secret, timestamp, body)],
          ]);
          const headers: Array<[string, string]> = [
            ['x-slack-signature', docs(secret, timestamp, body)],
            ['x-slack-request-timestamp', String(timestamp)],
          ];
          expect(slack.verify({ body, headers, secrets: [secret], now: timestamp + 299 }).ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bodies that are not valid UTF-8', () => {
  const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x7d]);
  const secretFor = (name: string) =>
    name === 'standard-webhooks' ? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' : 'whsec_s3cret';

  it.each(['github', 'stripe', 'standard-webhooks', 'shopify', 'slack', 'hmac'])(
    '%s signs the exact bytes and verifies them; the UTF-8-decoded text does not verify',
    (name) => {
      const scheme = schemeFor(name);
      const secret = secretFor(name);
      const headers = scheme.sign({ body, secret, timestamp: 1_700_000_000, id: 'msg_1' });
      expect(scheme.verify({ body, headers, secrets: [secret], now: 1_700_000_000 })).toMatchObject({
        ok: true,
      });
      // What a tool that decodes and re-encodes the body would send instead.
      const lossy = Buffer.from(body.toString('utf8'), 'utf8');
      expect(scheme.verify({ body: lossy, headers, secrets: [secret], now: 1_700_000_000 })).toMatchObject({
        ok: false,
        reason: 'mismatch',
      });
    },
  );

  it('github: matches the HMAC of the raw bytes', () => {
    const [[, value]] = schemeFor('github').sign({ body, secret: 'k', timestamp: 0 }) as [[string, string]];
    expect(value).toBe(`sha256=${createHmac('sha256', 'k').update(body).digest('hex')}`);
  });
});
