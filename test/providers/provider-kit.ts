import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import type { ProviderDescription } from '../../src/providers/types.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import type { VerifyInput, VerifyResult } from '../../src/signatures/types.js';
import { verifySignature } from '../../src/signatures/verify-signature.js';
import { buildTriggerRequest } from '../../src/trigger/build-trigger-request.js';
import { listSampleFiles, readSample } from '../../src/trigger/load-samples.js';
import { createRandomSource } from '../../src/trigger/random-source.js';
import { signTriggerRequest } from '../../src/trigger/sign-trigger-request.js';

/** What one signed delivery looked like; what the oracles receive. */
/** A made-up provider that signs the URL and the body: for the URL rules that several tests share. */
export const URL_SIGNER: ProviderDescription = {
  id: 'url-signer',
  name: 'URL Signer',
  docs: 'https://example.com',
  summary: 'signs the URL and the body',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{url}{body}',
    format: { kind: 'header', header: 'X-Sig' },
    encoding: 'base64',
    secret: { decode: 'utf8', where: 'test', example: 'k' },
  },
};

export interface SignedDelivery {
  body: Buffer;
  headers: HeaderList;
  /** Unix seconds the delivery was signed at (and is checked at, unless a test moves the clock). */
  timestamp: number;
  /** The shared secret (HMAC, token, JWT schemes). */
  secret?: string;
  /** The URL the provider called, for schemes that sign it. */
  url?: string;
  params?: Record<string, string>;
}

/**
 * One provider's checks. Give at least one oracle: the provider's SDK (`sdkVerify` and/or
 * `sdkSign`), or a vector from its docs (`vectors`). See CONTRIBUTING.md, "Adding a provider".
 */
export interface ProviderSpec {
  id: string;
  /** A body as the provider sends it (its docs' example payload). */
  body: string;
  /** For shared-secret schemes: a valid secret in the form the provider shows it, and another. */
  secret?: string;
  wrongSecret?: string;
  /** For asymmetric schemes: the key pair (PEM or the provider's form) and another public key. */
  privateKey?: string;
  publicKey?: string;
  wrongPublicKey?: string;
  url?: string;
  params?: Record<string, string>;
  /** Unix seconds to sign at; defaults to now (SDKs read the real clock). */
  timestamp?: number;
  /** The SDK's own verification of what webhook-cli signed: true when it accepts it. */
  sdkVerify?: (delivery: SignedDelivery) => boolean | Promise<boolean>;
  /** The SDK (or the docs' recipe, exactly) signs; webhook-cli must accept it. Returns the headers. */
  sdkSign?: (delivery: Omit<SignedDelivery, 'headers'>) => HeaderList | Promise<HeaderList>;
  /** Published (or hand-built from the docs) vectors: webhook-cli must accept them. */
  vectors?: Array<{
    /** The page the vector (or the recipe it was built from) comes from. */
    docs: string;
    body: string;
    headers: HeaderList;
    secret?: string;
    publicKey?: string;
    url?: string;
    /** Unix seconds to check at. */
    now: number;
    /** When the provider signs without a timestamp, webhook-cli's `sign` must reproduce the headers. */
    reproduce?: boolean;
  }>;
}

const SDK_RESULT_TIMEOUT = 10_000;

/** Signs a body with webhook-cli's engine, as `sign --scheme <id>` does. */
export function signWithCli(
  provider: ProviderDescription,
  spec: ProviderSpec,
  body: Buffer,
  timestamp: number,
) {
  return signRequest(provider, {
    body,
    timestamp,
    ...(spec.secret !== undefined && { secret: spec.secret }),
    ...(spec.privateKey !== undefined && { privateKey: spec.privateKey }),
    ...(spec.url !== undefined && { url: spec.url }),
    ...(spec.params !== undefined && { params: spec.params }),
  });
}

/** Verifies with webhook-cli's engine, as `verify --scheme <id>` does. */
export function verifyWithCli(
  provider: ProviderDescription,
  spec: Pick<ProviderSpec, 'secret' | 'publicKey' | 'url' | 'params'>,
  input: Omit<VerifyInput, 'secrets'> & { secrets?: string[] },
): VerifyResult {
  return verifySignature(provider, {
    secrets: spec.secret !== undefined ? [spec.secret] : [],
    ...(spec.publicKey !== undefined && { publicKey: spec.publicKey }),
    ...(spec.url !== undefined && { url: spec.url }),
    ...(spec.params !== undefined && { params: spec.params }),
    ...input,
  });
}

/**
 * The standard suite for one provider: both directions against the oracle, then a tampered body,
 * a wrong secret (or public key) and a stale timestamp rejected with the right reason.
 */
export function describeProvider(spec: ProviderSpec): void {
  const provider = getProvider(spec.id);
  const body = Buffer.from(spec.body);
  const now = () => spec.timestamp ?? Math.floor(Date.now() / 1000);
  const delivery = (headers: HeaderList, timestamp: number): SignedDelivery => ({
    body,
    headers,
    timestamp,
    ...(spec.secret !== undefined && { secret: spec.secret }),
    ...(spec.url !== undefined && { url: spec.url }),
    ...(spec.params !== undefined && { params: spec.params }),
  });

  describe(`${provider.name} (${provider.id})`, () => {
    if (!spec.sdkVerify && !spec.sdkSign && !spec.vectors?.length) {
      it('has an oracle', () => {
        expect.fail('give sdkVerify, sdkSign or vectors: a provider test needs something to agree with');
      });
    }

    if (spec.sdkVerify) {
      const sdkVerify = spec.sdkVerify;
      it(
        'webhook-cli signs, the SDK verifies; the SDK rejects a changed body',
        async () => {
          const timestamp = now();
          const headers = signWithCli(provider, spec, body, timestamp);
          expect(await sdkVerify(delivery(headers, timestamp))).toBe(true);
          const changed = { ...delivery(headers, timestamp), body: Buffer.concat([body, Buffer.from(' ')]) };
          expect(await sdkVerify(changed)).toBe(false);
        },
        SDK_RESULT_TIMEOUT,
      );
    }

    if (spec.sdkSign) {
      const sdkSign = spec.sdkSign;
      it(
        'the SDK signs, webhook-cli verifies',
        async () => {
          const timestamp = now();
          const { headers: _, ...unsigned } = delivery([], timestamp);
          const headers = await sdkSign(unsigned);
          expect(verifyWithCli(provider, spec, { body, headers, now: timestamp })).toMatchObject({
            ok: true,
            scheme: provider.id,
          });
        },
        SDK_RESULT_TIMEOUT,
      );
    }

    for (const [index, vector] of (spec.vectors ?? []).entries()) {
      it(`accepts vector #${index + 1} from ${vector.docs}`, () => {
        const keys = {
          ...(vector.secret !== undefined && { secret: vector.secret }),
          ...(vector.publicKey !== undefined && { publicKey: vector.publicKey }),
          ...(vector.url !== undefined && { url: vector.url }),
          ...(spec.params !== undefined && { params: spec.params }),
        };
        const result = verifyWithCli(provider, keys, {
          body: Buffer.from(vector.body),
          headers: vector.headers,
          now: vector.now,
        });
        expect(result).toMatchObject({ ok: true, scheme: provider.id });
        if (vector.reproduce) {
          const signed = signRequest(provider, {
            body: Buffer.from(vector.body),
            timestamp: vector.now,
            ...keys,
          });
          expect(signed).toEqual(vector.headers);
        }
      });
    }

    it('a changed body → mismatch', () => {
      const timestamp = now();
      const headers = signWithCli(provider, spec, body, timestamp);
      const result = verifyWithCli(provider, spec, {
        body: Buffer.concat([body, Buffer.from(' ')]),
        headers,
        now: timestamp,
      });
      expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
      expect(result.detail).toMatch(/does not match|differs|changed/);
    });

    it(spec.publicKey ? 'another public key → mismatch' : 'a wrong secret → mismatch', () => {
      const timestamp = now();
      const headers = signWithCli(provider, spec, body, timestamp);
      const wrong = spec.publicKey
        ? { ...spec, publicKey: spec.wrongPublicKey }
        : { ...spec, secret: spec.wrongSecret };
      expect(wrong.publicKey ?? wrong.secret, 'give wrongSecret or wrongPublicKey').toBeDefined();
      expect(verifyWithCli(provider, wrong, { body, headers, now: timestamp })).toMatchObject({
        ok: false,
        reason: 'mismatch',
      });
    });

    describeTriggeredSamples(provider, spec, delivery);

    const timing = provider.signature.timestamp;
    if (timing && timing.toleranceSeconds > 0) {
      it(`a timestamp older than ${timing.toleranceSeconds} s → timestamp-too-old`, () => {
        const timestamp = now();
        const headers = signWithCli(provider, spec, body, timestamp);
        const late = timestamp + timing.toleranceSeconds + 1;
        expect(verifyWithCli(provider, spec, { body, headers, now: late })).toMatchObject({
          ok: false,
          reason: 'timestamp-too-old',
        });
        expect(verifyWithCli(provider, spec, { body, headers, now: late - 1 }).ok).toBe(true);
      });
    }
  });
}

/**
 * `trigger`: each of the provider's samples (schemas/samples/<id>/), filled and signed as trigger
 * signs it, verifies with the SDK, or with webhook-cli's own verify when the provider has none. A
 * provider without samples yet gets no case here: test/trigger/samples.test.ts names it.
 */
function describeTriggeredSamples(
  provider: ProviderDescription,
  spec: ProviderSpec,
  delivery: (headers: HeaderList, timestamp: number) => SignedDelivery,
): void {
  if (listSampleFiles(provider.id).length === 0) return;
  it(
    `each of its samples, triggered, verifies with ${spec.sdkVerify ? 'the SDK' : 'webhook-cli verify'}`,
    async () => {
      const timestamp = spec.timestamp ?? Math.floor(Date.now() / 1000);
      for (const signed of await triggeredSamples(provider, spec, timestamp)) {
        const ok = spec.sdkVerify
          ? await spec.sdkVerify({ ...delivery(signed.headers, timestamp), body: signed.body })
          : verifyWithCli(provider, spec, { body: signed.body, headers: signed.headers, now: timestamp }).ok;
        expect(ok, signed.name).toBe(true);
      }
    },
    SDK_RESULT_TIMEOUT,
  );
}

/**
 * Each of a provider's samples (schemas/samples/<id>/), filled and signed as `trigger` does, for
 * tests whose SDK oracle does not fit `describeProvider` (signatures inside the body).
 */
export async function triggeredSamples(
  provider: ProviderDescription,
  spec: Pick<ProviderSpec, 'secret' | 'privateKey' | 'params' | 'url'>,
  timestamp: number,
): Promise<Array<{ name: string; body: Buffer; headers: HeaderList }>> {
  const sign = {
    provider,
    secrets: spec.secret !== undefined ? [spec.secret] : [],
    ...(spec.privateKey !== undefined && { privateKey: spec.privateKey }),
    ...(spec.params !== undefined && { params: spec.params }),
  };
  const signed = [];
  for (const file of listSampleFiles(provider.id)) {
    const sample = await readSample(file);
    const built = buildTriggerRequest(provider, sample, {
      values: { now: timestamp * 1000, random: createRandomSource() },
    });
    signed.push({
      name: `${sample.event} (${file})`,
      ...signTriggerRequest(built, sign, timestamp, spec.url),
    });
  }
  return signed;
}
