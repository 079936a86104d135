import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { schemeFor } from '../helpers/signing.js';

// Both directions against the providers' own libraries, for many random UTF-8 bodies: what we sign
// they accept, what they sign we accept. The libraries take strings; we take the UTF-8 bytes.
const bodies = fc.string({ unit: 'binary', maxLength: 300 });
const secrets = fc
  .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 })
  .filter((s) => s.trim() !== '');
const svixKeys = fc
  .uint8Array({ minLength: 16, maxLength: 48 })
  .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const runs = { numRuns: 200 };

describe('github agrees with @octokit/webhooks-methods', () => {
  const github = schemeFor('github');

  it('octokit verifies what we sign', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies.filter((b) => b !== ''),
        secrets,
        async (body, secret) => {
          const [[name, value]] = github.sign({ body: Buffer.from(body), secret, timestamp: 0 }) as [
            [string, string],
          ];
          expect(name).toBe('X-Hub-Signature-256');
          expect(await octokitVerify(secret, body, value)).toBe(true);
          expect(value).toBe(await octokitSign(secret, body));
        },
      ),
      runs,
    );
  });

  it('we verify what octokit signs', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies.filter((b) => b !== ''),
        secrets,
        async (body, secret) => {
          const headers: Array<[string, string]> = [['x-hub-signature-256', await octokitSign(secret, body)]];
          const result = github.verify({ body: Buffer.from(body), headers, secrets: [secret], now: 0 });
          expect(result).toEqual({ ok: true, scheme: 'github', secretIndex: 0 });
        },
      ),
      runs,
    );
  });
});

describe('stripe agrees with the stripe library', () => {
  const scheme = schemeFor('stripe');
  const stripeSecrets = secrets.map((s) => `whsec_${s}`);

  it('Stripe.webhooks.constructEvent accepts what we sign (JSON bodies)', () => {
    fc.assert(
      fc.property(fc.json({ stringUnit: 'binary' }), stripeSecrets, (json, secret) => {
        const timestamp = nowSeconds();
        const headers = scheme.sign({ body: Buffer.from(json), secret, timestamp });
        const header = headers.find(([name]) => name === 'Stripe-Signature')?.[1] as string;
        expect(Stripe.webhooks.constructEvent(Buffer.from(json), header, secret)).toEqual(JSON.parse(json));
      }),
      runs,
    );
  });

  it("stripe's header check accepts what we sign (any UTF-8 body)", () => {
    fc.assert(
      fc.property(
        bodies.filter((b) => b !== ''),
        stripeSecrets,
        (body, secret) => {
          const timestamp = nowSeconds();
          const header = scheme.sign({ body: Buffer.from(body), secret, timestamp })[0]?.[1] as string;
          // constructEvent = verifyHeader + JSON.parse; call the check alone for non-JSON bodies.
          const signature = Stripe.webhooks.signature as unknown as {
            verifyHeader(payload: string, header: string, secret: string, tolerance: number): boolean;
          };
          expect(signature.verifyHeader(body, header, secret, 300)).toBe(true);
        },
      ),
      runs,
    );
  });

  it('we verify what Stripe.webhooks.generateTestHeaderString signs', () => {
    fc.assert(
      fc.property(
        bodies,
        stripeSecrets,
        fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
        (body, secret, timestamp) => {
          const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
          const result = scheme.verify({
            body: Buffer.from(body),
            headers: [['stripe-signature', header]],
            secrets: [secret],
            now: timestamp + 10,
          });
          expect(result).toEqual({ ok: true, scheme: 'stripe', secretIndex: 0 });
        },
      ),
      runs,
    );
  });

  it('matches stripe on the timestamp window: age only, 300 s', () => {
    const secret = 'whsec_test';
    const body = '{"id":"evt_1"}';
    const timestamp = 1_700_000_000;
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
    const check = (now: number) => {
      const ours = scheme.verify({
        body: Buffer.from(body),
        headers: [['Stripe-Signature', header]],
        secrets: [secret],
        now,
      });
      let theirs = true;
      try {
        Stripe.webhooks.constructEvent(body, header, secret, 300, undefined, now * 1000);
      } catch {
        theirs = false;
      }
      return [ours.ok, theirs];
    };
    for (const offset of [-100_000, -301, -300, 0, 300, 301, 100_000]) {
      const [ours, theirs] = check(timestamp + offset);
      expect(ours, `offset ${offset}`).toBe(theirs);
    }
  });
});

describe('standard-webhooks agrees with the standardwebhooks library', () => {
  const scheme = schemeFor('standard-webhooks');
  const ids = fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/);

  it('Webhook.verify accepts what we sign', () => {
    fc.assert(
      fc.property(bodies, svixKeys, ids, (body, secret, id) => {
        const headers = scheme.sign({ body: Buffer.from(body), secret, id, timestamp: nowSeconds() });
        expect(() =>
          new Webhook(secret).verify(body, Object.fromEntries(headers), { jsonParse: false }),
        ).not.toThrow();
      }),
      runs,
    );
  });

  it('we verify what Webhook.sign signs, under the webhook-* and svix-* names', () => {
    fc.assert(
      fc.property(bodies, svixKeys, ids, fc.boolean(), (body, secret, id, svix) => {
        const timestamp = nowSeconds();
        const signature = new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
        const prefix = svix ? 'svix-' : 'webhook-';
        const result = schemeFor('svix').verify({
          body: Buffer.from(body),
          headers: [
            [`${prefix}id`, id],
            [`${prefix}timestamp`, String(timestamp)],
            [`${prefix}signature`, `v1,bm90IGl0 ${signature}`],
          ],
          secrets: [secret],
          now: timestamp,
        });
        expect(result).toEqual({ ok: true, scheme: 'standard-webhooks', secretIndex: 0 });
      }),
      runs,
    );
  });

  it('takes a secret without the whsec_ prefix as base64, like the library', () => {
    const key = Buffer.from('0123456789abcdef0123').toString('base64');
    const body = '{"a":1}';
    const timestamp = nowSeconds();
    const headers = scheme.sign({ body: Buffer.from(body), secret: key, id: 'msg_1', timestamp });
    expect(() => new Webhook(key).verify(body, Object.fromEntries(headers))).not.toThrow();
    expect(() => new Webhook(`whsec_${key}`).verify(body, Object.fromEntries(headers))).not.toThrow();
  });
});
