import { getHeader, type HeaderList } from '../options/headers.js';
import { detectProvider } from '../providers/registry.js';
import type { ProviderDescription } from '../providers/types.js';
import { diagnoseMismatch } from './diagnose-mismatch.js';
import { signIntoBody, signRequest } from './sign-signature.js';
import type { SignInput, VerifyResult } from './types.js';
import { failure } from './verify-result.js';
import { verifySignature } from './verify-signature.js';

/**
 * How to sign or verify, for every command: `sign`, `verify`, `listen --verify`, `send --sign`
 * and the inspector's replays. Built from flags in src/cli/signature-options.ts.
 */
export interface SignatureSettings {
  /**
   * The provider (for `hmac`, with its flags applied), or `auto`: `listen --verify auto` picks
   * each delivery's provider from its headers.
   */
  provider: ProviderDescription | 'auto';
  /** In the order given; signing uses the first, verifying accepts any (key rotation). */
  secrets: string[];
  /** Asymmetric schemes: the public key or certificate text (verify). */
  publicKey?: string;
  /** Asymmetric schemes: the private key text (sign). */
  privateKey?: string;
  /** Overrides the provider's tolerance; 0 turns the time check off. */
  toleranceSeconds?: number;
  /** The URL the provider calls (`--url`); for listen, the base (`--public-url`) the path is added to. */
  url?: string;
  /** `--param name=value`, for templates that sign a value the user knows (PayPal's webhook id). */
  params?: Readonly<Record<string, string>>;
}

/** One request as received (verify) or about to be sent (sign). */
export interface SignedRequest {
  body: Buffer;
  headers: HeaderList;
  method?: string;
  /** The full URL the provider called, when known; else `settings.url`. */
  url?: string;
}

/** The provider a delivery is checked as: the given one, or for `auto` the one its headers name. */
export function providerFor(
  settings: SignatureSettings,
  headers: HeaderList,
): ProviderDescription | undefined {
  return settings.provider === 'auto' ? detectProvider(headers) : settings.provider;
}

/**
 * Checks one delivery. A mismatch is explained in the provider's terms when the cause can be
 * seen (a re-serialised body, a secret in the wrong form, a different URL): see diagnoseMismatch.
 */
export function verifyDelivery(
  settings: SignatureSettings,
  request: SignedRequest,
  now: number,
): VerifyResult {
  const provider = providerFor(settings, request.headers);
  if (!provider) {
    return failure(
      'auto',
      'no-provider',
      "the headers match no known provider (see 'webhook-cli providers')",
    );
  }
  const url = request.url ?? settings.url;
  const input = {
    body: request.body,
    headers: request.headers,
    secrets: settings.secrets,
    now,
    ...(settings.publicKey !== undefined && { publicKey: settings.publicKey }),
    ...(settings.toleranceSeconds !== undefined && { toleranceSeconds: settings.toleranceSeconds }),
    ...(url !== undefined && { url }),
    ...(request.method !== undefined && { method: request.method }),
    ...(settings.params !== undefined && { params: settings.params }),
  };
  const result = verifySignature(provider, input);
  if (result.ok || result.reason !== 'mismatch') return result;
  const why = diagnoseMismatch(provider, input);
  return why ? { ...result, detail: `${result.detail}; ${why}` } : result;
}

/** The headers that sign a request as the provider would, with the first secret or the private key. */
export function signDelivery(
  settings: SignatureSettings,
  request: SignedRequest & { timestamp: number; id?: string },
): HeaderList {
  const provider = settings.provider;
  if (provider === 'auto') throw new Error('signDelivery needs a provider, not auto');
  return signRequest(provider, signInput(settings, request));
}

/** For a provider that signs inside the body: the payload with its signature written in. */
export function signDeliveryBody(
  settings: SignatureSettings,
  request: SignedRequest & { timestamp: number; id?: string },
): Buffer {
  const provider = settings.provider;
  if (provider === 'auto') throw new Error('signDeliveryBody needs a provider, not auto');
  return signIntoBody(provider, signInput(settings, request));
}

function signInput(
  settings: SignatureSettings,
  request: SignedRequest & { timestamp: number; id?: string },
): SignInput {
  const url = request.url ?? settings.url;
  return {
    body: request.body,
    timestamp: request.timestamp,
    headers: request.headers,
    ...(settings.secrets[0] !== undefined && { secret: settings.secrets[0] }),
    ...(settings.privateKey !== undefined && { privateKey: settings.privateKey }),
    ...(request.id !== undefined && { id: request.id }),
    ...(url !== undefined && { url }),
    ...(request.method !== undefined && { method: request.method }),
    ...(settings.params !== undefined && { params: settings.params }),
  };
}

/** Every header a provider writes for its signature (`send --sign` drops them before re-signing). */
export function signatureHeaderNames(provider: ProviderDescription): string[] {
  const signature = provider.signature;
  const names: string[] = [];
  const timestamp = signature.timestamp?.in;
  if (timestamp && typeof timestamp === 'object' && 'header' in timestamp) names.push(timestamp.header);
  if ('header' in signature.format) names.push(signature.format.header);
  if (signature.legacy) names.push(signature.legacy.format.header);
  for (const name of [...names]) {
    const alternate = signature.alternateHeaders?.[name];
    if (alternate) names.push(alternate);
  }
  return names;
}

/** The header carrying the provider's delivery id, kept stable across retries (e.g. webhook-id). */
export function deliveryIdHeader(provider: ProviderDescription): string | undefined {
  const id = provider.signature.id;
  if (id && 'header' in id.in) return id.in.header;
  const location = provider.deliveryId?.find((where) => 'header' in where);
  return location && 'header' in location ? location.header : undefined;
}

/** The delivery id a request carries in its provider's id header, if any. */
export function deliveryIdOf(provider: ProviderDescription, headers: HeaderList): string | undefined {
  const header = deliveryIdHeader(provider);
  return header === undefined ? undefined : getHeader(headers, header);
}
