import { hmacSignature } from '../providers/hmac.js';
import { getProvider, PROVIDER_NAMES } from '../providers/registry.js';
import type { ProviderDescription } from '../providers/types.js';
import { signRequest } from './sign-signature.js';
import type { HmacOptions, SignatureScheme } from './types.js';
import { requiredHeaders, type SignatureProvider, verifySignature } from './verify-signature.js';

/** Every name `--scheme`, `--verify` and `--sign` accept. */
export const SCHEME_NAMES: readonly string[] = PROVIDER_NAMES;

const schemes = new Map<ProviderDescription, SignatureScheme>();

/** The provider, with the generic hmac scheme's flags applied. */
function withHmac(provider: ProviderDescription, hmac: Partial<HmacOptions> | undefined): SignatureProvider {
  return provider.id === 'hmac' && hmac ? { ...provider, signature: hmacSignature(hmac) } : provider;
}

/** Every header a provider writes or reads for its signature (`send --sign` drops them first). */
function signatureHeaders(provider: SignatureProvider): string[] {
  const signature = provider.signature;
  const names = requiredHeaders(signature).filter(
    (name) => !(signature.id && 'header' in signature.id.in && signature.id.in.header === name),
  );
  if (signature.legacy) names.push(signature.legacy.format.header);
  for (const name of [...names]) {
    const alternate = signature.alternateHeaders?.[name];
    if (alternate) names.push(alternate);
  }
  return names;
}

/** A registry provider as a sign/verify pair, for the commands. */
export function getScheme(name: string): SignatureScheme {
  const provider = getProvider(name);
  let scheme = schemes.get(provider);
  if (!scheme) {
    const id = provider.signature.id;
    scheme = {
      name: provider.id,
      signatureHeaders: (hmac) => signatureHeaders(withHmac(provider, hmac)),
      sign: (input) => signRequest(withHmac(provider, input.hmac), input),
      verify: (input) => verifySignature(withHmac(provider, input.hmac), input),
    };
    const idHeader =
      id && 'header' in id.in ? id.in.header : provider.deliveryId?.find((where) => 'header' in where);
    if (typeof idHeader === 'string') scheme.idHeader = idHeader;
    else if (idHeader && 'header' in idHeader) scheme.idHeader = idHeader.header;
    schemes.set(provider, scheme);
  }
  return scheme;
}
