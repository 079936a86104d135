import { hmacSignature } from '../../src/providers/hmac.js';
import { getProvider } from '../../src/providers/registry.js';
import type { ProviderDescription } from '../../src/providers/types.js';
import type { SignWith } from '../../src/send/delivery-report.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { deliveryIdHeader, signatureHeaderNames } from '../../src/signatures/signature-settings.js';
import type { HmacOptions, SignInput, VerifyInput } from '../../src/signatures/types.js';
import { verifySignature } from '../../src/signatures/verify-signature.js';

/** A registry provider, with the generic hmac scheme's options applied as its flags would. */
export function providerNamed(name: string, hmac?: Partial<HmacOptions>): ProviderDescription {
  const provider = getProvider(name);
  return provider.id === 'hmac' && hmac ? { ...provider, signature: hmacSignature(hmac) } : provider;
}

/** Sign and verify as one provider, for tests that build signed fixtures. */
export function schemeFor(name: string) {
  const provider = getProvider(name);
  return {
    name: provider.id,
    idHeader: deliveryIdHeader(provider),
    signatureHeaders: (hmac?: Partial<HmacOptions>) => signatureHeaderNames(providerNamed(name, hmac)),
    sign: ({ hmac, ...input }: SignInput & { hmac?: Partial<HmacOptions> }) =>
      signRequest(providerNamed(name, hmac), input),
    verify: ({ hmac, ...input }: VerifyInput & { hmac?: Partial<HmacOptions> }) =>
      verifySignature(providerNamed(name, hmac), input),
  };
}

/** `send --sign <name> --secret <secret>` as the options the core receives. */
export function signWith(name: string, secret: string, hmac?: Partial<HmacOptions>): SignWith {
  return { provider: providerNamed(name, hmac), secrets: [secret] };
}
