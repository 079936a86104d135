import {
  type Handshake,
  type HandshakeRequest,
  handshakesOf,
  matchHandshake,
} from '../providers/handshakes.js';
import { detectProvider, listProviders, listUnsignedSources } from '../providers/registry.js';
import type { ProviderDescription, UnsignedSource } from '../providers/types.js';

export type { Handshake } from '../providers/handshakes.js';

/**
 * The handshake a request is, asking every provider's description (and the unsigned senders',
 * Azure Event Grid): the provider its headers name first, then the rest in list order.
 * `secret` answers the HMAC handshakes (Zoom, X).
 */
export function detectHandshake(
  request: HandshakeRequest,
  secret?: string,
  providers: readonly (ProviderDescription | UnsignedSource)[] = [
    ...listProviders(),
    ...listUnsignedSources(),
  ],
): Handshake | null {
  const detected = detectProvider(request.headers);
  const ordered =
    detected && providers.includes(detected)
      ? [detected, ...providers.filter((p) => p !== detected)]
      : providers;
  for (const provider of ordered) {
    for (const description of handshakesOf(provider)) {
      const handshake = matchHandshake(provider, description, request, secret);
      if (handshake) return handshake;
    }
  }
  return null;
}
