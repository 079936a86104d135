import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getHeader, type HeaderList } from '../../src/options/headers.js';
import { decodeHex } from '../../src/signatures/encodings.js';
import type { HmacOptions } from '../../src/signatures/types.js';
import { schemeFor } from '../helpers/signing.js';

/** One way to sign: a registry scheme, hmac options, and the header whose value carries the digest. */
interface Variant {
  name: string;
  scheme: string;
  hmac?: Partial<HmacOptions>;
  /** Header holding the signature. */
  header: string;
  /** Where the encoded digest starts in that header's value, and how it is encoded. */
  digest: (value: string) => { start: number; end: number; encoding: 'hex' | 'base64' };
  /** Standard Webhooks keys are base64 after `whsec_`. */
  whsec?: boolean;
}

const after = (marker: string, encoding: 'hex' | 'base64') => (value: string) => {
  const start = value.indexOf(marker) + marker.length;
  return { start, end: value.length, encoding };
};

const VARIANTS: Variant[] = [
  { name: 'github', scheme: 'github', header: 'X-Hub-Signature-256', digest: after('sha256=', 'hex') },
  { name: 'stripe', scheme: 'stripe', header: 'Stripe-Signature', digest: after(',v1=', 'hex') },
  {
    name: 'standard-webhooks',
    scheme: 'standard-webhooks',
    header: 'webhook-signature',
    digest: after('v1,', 'base64'),
    whsec: true,
  },
  {
    name: 'svix (alias)',
    scheme: 'svix',
    header: 'webhook-signature',
    digest: after('v1,', 'base64'),
    whsec: true,
  },
  { name: 'shopify', scheme: 'shopify', header: 'X-Shopify-Hmac-Sha256', digest: after('', 'base64') },
  { name: 'slack', scheme: 'slack', header: 'X-Slack-Signature', digest: after('v0=', 'hex') },
  { name: 'hmac defaults', scheme: 'hmac', header: 'X-Signature', digest: after('', 'hex') },
  {
    name: 'hmac sha1 hex, prefix',
    scheme: 'hmac',
    hmac: { algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=', signatureHeader: 'X-Sig' },
    header: 'X-Sig',
    digest: after('sha1=', 'hex'),
  },
  {
    name: 'hmac sha512 base64, timestamp header',
    scheme: 'hmac',
    hmac: {
      algorithm: 'sha512',
      encoding: 'base64',
      signatureHeader: 'X-Hook-Signature',
      timestampHeader: 'X-Hook-Timestamp',
    },
    header: 'X-Hook-Signature',
    digest: after('', 'base64'),
  },
  {
    name: 'hmac sha256 base64, prefix and timestamp header',
    scheme: 'hmac',
    hmac: { encoding: 'base64', prefix: 'v1=', timestampHeader: 'X-Timestamp' },
    header: 'X-Signature',
    digest: after('v1=', 'base64'),
  },
];

const body = fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes));
const nonEmptyBody = fc.uint8Array({ minLength: 1, maxLength: 512 }).map((bytes) => Buffer.from(bytes));
// Any Unicode text (HMAC keys are its UTF-8 bytes); Standard Webhooks keys are random bytes.
const textSecret = fc.string({ minLength: 1, maxLength: 64, unit: 'binary' });
const keySecret = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const timestamp = fc.integer({ min: 1, max: 4_102_444_800 });
const RUNS = 100;

function setup(variant: Variant) {
  const scheme = schemeFor(variant.scheme);
  const sign = (input: { body: Buffer; secret: string; id: string; timestamp: number }) =>
    scheme.sign({ ...input, hmac: variant.hmac });
  const verify = (input: { body: Buffer; headers: HeaderList; secret: string; now: number }) =>
    scheme.verify({
      body: input.body,
      headers: input.headers,
      secrets: [input.secret],
      now: input.now,
      hmac: variant.hmac,
    });
  return { sign, verify, secret: variant.whsec ? keySecret : textSecret };
}

function replaceHeader(headers: HeaderList, name: string, value: string): HeaderList {
  return headers.map(([key, old]) => [key, key.toLowerCase() === name.toLowerCase() ? value : old]);
}

/**
 * The key HMAC really uses: short keys are padded with zero bytes, so `k` and `k\0` are the same
 * key (RFC 2104 §2); two secrets that differ only so are not "another secret".
 */
function hmacKey(secret: string, variant: Variant): Buffer {
  const bytes = variant.whsec ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes.subarray(0, end);
}

function flipBit(bytes: Buffer, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = Math.floor(bit / 8) % copy.length;
  copy[index] = copy[index]! ^ (1 << (bit % 8));
  return copy;
}

describe.each(VARIANTS)('signatures (property): $name', (variant) => {
  const { sign, verify, secret } = setup(variant);

  it('sign → verify round-trips for any body, id, timestamp and secret', () => {
    fc.assert(
      fc.property(body, secret, id, timestamp, (bytes, key, deliveryId, ts) => {
        const headers = sign({ body: bytes, secret: key, id: deliveryId, timestamp: ts });
        const result = verify({ body: bytes, headers, secret: key, now: ts });
        expect(result).toMatchObject({ ok: true, secretIndex: 0 });
        expect(result.reason).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('any single-bit flip of the body fails with reason mismatch', () => {
    fc.assert(
      fc.property(nonEmptyBody, secret, id, timestamp, fc.nat(), (bytes, key, deliveryId, ts, bit) => {
        const headers = sign({ body: bytes, secret: key, id: deliveryId, timestamp: ts });
        const changed = flipBit(bytes, bit % (bytes.length * 8));
        expect(verify({ body: changed, headers, secret: key, now: ts })).toMatchObject({
          ok: false,
          reason: 'mismatch',
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('any single-bit flip of the signature digest fails with reason mismatch', () => {
    fc.assert(
      fc.property(body, secret, id, timestamp, fc.nat(), (bytes, key, deliveryId, ts, bit) => {
        const headers = sign({ body: bytes, secret: key, id: deliveryId, timestamp: ts });
        const value = getHeader(headers, variant.header)!;
        const { start, end, encoding } = variant.digest(value);
        const decoded = Buffer.from(value.slice(start, end), encoding);
        const flipped = flipBit(decoded, bit % (decoded.length * 8)).toString(encoding);
        const tampered = replaceHeader(headers, variant.header, value.slice(0, start) + flipped);
        expect(verify({ body: bytes, headers: tampered, secret: key, now: ts })).toMatchObject({
          ok: false,
          reason: 'mismatch',
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('any single-bit flip of a character of the signature header fails, never throws', () => {
    fc.assert(
      fc.property(body, secret, id, timestamp, fc.nat(), fc.nat(6), (bytes, key, deliveryId, ts, at, bit) => {
        const headers = sign({ body: bytes, secret: key, id: deliveryId, timestamp: ts });
        const value = getHeader(headers, variant.header)!;
        const index = at % value.length;
        const changed =
          value.slice(0, index) +
          String.fromCharCode(value.charCodeAt(index) ^ (1 << bit)) +
          value.slice(index + 1);
        const { start, encoding } = variant.digest(value);
        // Hex digits are read in either case: `a` → `A` is the same signature, spelled differently.
        // (Base64 is checked for its one canonical spelling, so every change there counts.)
        if (encoding === 'hex' && index >= start) {
          const same = decodeHex(changed.slice(start))?.equals(decodeHex(value.slice(start))!);
          fc.pre(!same);
        }
        const result = verify({
          body: bytes,
          headers: replaceHeader(headers, variant.header, changed),
          secret: key,
          now: ts,
        });
        expect(result.ok).toBe(false);
        expect(['mismatch', 'malformed-header', 'timestamp-too-old', 'timestamp-in-future']).toContain(
          result.reason,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('another secret fails with reason mismatch', () => {
    fc.assert(
      fc.property(body, secret, secret, id, timestamp, (bytes, key, other, deliveryId, ts) => {
        fc.pre(!hmacKey(other, variant).equals(hmacKey(key, variant)));
        const headers = sign({ body: bytes, secret: key, id: deliveryId, timestamp: ts });
        expect(verify({ body: bytes, headers, secret: other, now: ts })).toMatchObject({
          ok: false,
          reason: 'mismatch',
        });
      }),
      { numRuns: RUNS },
    );
  });
});
