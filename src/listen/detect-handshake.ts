import {
  type Handshake,
  type HandshakeRequest,
  handshakesOf,
  matchHandshake,
} from '../providers/handshakes.js';
import { detectSender, listProviders, listUnsignedSources } from '../providers/registry.js';
import type { ProviderDescription, UnsignedSource } from '../providers/types.js';

export type { Handshake } from '../providers/handshakes.js';

type Sender = ProviderDescription | UnsignedSource;

/** Every sender with a handshake, in list order: asked on every delivery, so listed once. */
const ALL_SENDERS: readonly Sender[] = [...listProviders(), ...listUnsignedSources()].filter(
  (sender) => handshakesOf(sender).length > 0,
);

/**
 * The handshake a request is, asking every provider's description (and the unsigned senders',
 * Azure Event Grid): the sender its headers name first (`request.sender` when the caller has asked
 * already), then the rest in list order. `secret` answers the HMAC handshakes (Zoom, X).
 */
export function detectHandshake(
  request: HandshakeRequest & { sender?: Sender | undefined },
  secret?: string,
  providers: readonly Sender[] = ALL_SENDERS,
): Handshake | null {
  const detected = 'sender' in request ? request.sender : detectSender(request.headers);
  const first = detected && providers.includes(detected) ? detected : undefined;
  if (first) {
    const handshake = handshakeOf(first, request, secret);
    if (handshake) return handshake;
  }
  for (const provider of providers) {
    if (provider === first) continue;
    const handshake = handshakeOf(provider, request, secret);
    if (handshake) return handshake;
  }
  return null;
}

function handshakeOf(
  provider: Sender,
  request: HandshakeRequest,
  secret: string | undefined,
): Handshake | null {
  for (const description of handshakesOf(provider)) {
    const handshake = matchHandshake(provider, description, request, secret);
    if (handshake) return handshake;
  }
  return null;
}
