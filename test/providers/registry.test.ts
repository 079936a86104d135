import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  detectProvider,
  findProvider,
  getProvider,
  listProviders,
  PROVIDER_NAMES,
} from '../../src/providers/registry.js';
import { findBuiltin } from '../../src/schemas/builtin-schemas.js';
import { templatePlaceholders } from '../../src/signatures/signed-content.js';
import { requiredHeaders } from '../../src/signatures/verify-signature.js';

const PLACEHOLDERS = [
  'body',
  'timestamp',
  'id',
  'url',
  'method',
  'header',
  'json',
  'param',
  'crc32',
  'sha256hex',
  'form',
];

describe('the provider registry', () => {
  it.each(listProviders().map((provider) => [provider.id, provider] as const))(
    '%s is a complete description',
    (_, provider) => {
      expect(provider.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(provider.name.trim()).not.toBe('');
      expect(provider.docs).toMatch(/^https:\/\//);
      expect(provider.summary.length).toBeGreaterThan(20);
      const { signature } = provider;
      for (const placeholder of templatePlaceholders(signature.signed))
        expect(PLACEHOLDERS).toContain(placeholder);
      const asymmetric = ['ed25519', 'ecdsa-p256-sha256', 'rsa-sha1', 'rsa-sha256'].includes(
        signature.algorithm,
      );
      if (asymmetric)
        expect(signature.publicKey, 'asymmetric schemes describe their public key').toBeDefined();
      else expect(signature.secret, 'shared-secret schemes describe their secret').toBeDefined();
      if (provider.id !== 'hmac') {
        expect(
          existsSync(new URL(`./${provider.id}.test.ts`, import.meta.url)),
          `test/providers/${provider.id}.test.ts`,
        ).toBe(true);
        // detect may be left out only by providers that send another provider's headers (Clerk: svix-*).
        if (provider.detect !== undefined) expect(provider.detect.length).toBeGreaterThan(0);
      }
    },
  );

  it("a provider's schema is a builtin schema", () => {
    for (const provider of listProviders()) {
      if (provider.schema !== undefined) expect(findBuiltin(provider.schema), provider.id).toBeDefined();
    }
  });

  it('ids and aliases are unique and found in any case', () => {
    expect(new Set(PROVIDER_NAMES).size).toBe(PROVIDER_NAMES.length);
    expect(findProvider('GitHub')?.id).toBe('github');
    expect(findProvider('svix')?.id).toBe('standard-webhooks');
    expect(findProvider('nope')).toBeUndefined();
    expect(() => getProvider('nope\x07')).toThrow(UsageError);
    expect(() => getProvider('nope\x07')).toThrow("unknown signature scheme 'nope\\x07'");
  });

  it.each(
    listProviders()
      .filter((p) => p.detect)
      .map((p) => [p.id, p] as const),
  )('a request with the detect and signature headers of %s is detected as it', (id, provider) => {
    const names = [...(provider.detect ?? []), ...requiredHeaders(provider.signature)];
    expect(detectProvider(names.map((name) => [name.toUpperCase(), 'x']))?.id).toBe(id);
  });

  it('detects Svix deliveries (svix-* headers) as Standard Webhooks, and nothing from unrelated headers', () => {
    expect(detectProvider([['svix-signature', 'v1,x']])?.id).toBe('standard-webhooks');
    expect(detectProvider([['content-type', 'application/json']])).toBeUndefined();
  });
});
