import { UsageError } from '../errors.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { ALL_PROVIDERS, UNSIGNED_SOURCES } from './all-providers.js';
import type { ProviderDescription, UnsignedSource } from './types.js';

const BY_NAME = new Map<string, ProviderDescription>();
for (const provider of ALL_PROVIDERS) {
  for (const name of [provider.id, ...(provider.aliases ?? [])]) {
    if (BY_NAME.has(name)) throw new Error(`provider name ${name} is used twice`);
    BY_NAME.set(name, provider);
  }
}

/** Every provider, in the order of all-providers.ts. */
export function listProviders(): readonly ProviderDescription[] {
  return ALL_PROVIDERS;
}

/** Senders whose handshakes listen answers although they do not sign (Azure Event Grid). */
export function listUnsignedSources(): readonly UnsignedSource[] {
  return UNSIGNED_SOURCES;
}

/** Every name `--scheme`, `--verify` and `--sign` accept: ids and aliases. */
export const PROVIDER_NAMES: readonly string[] = [...BY_NAME.keys()];

/** The provider of an id or alias (any case), or undefined. */
export function findProvider(name: string): ProviderDescription | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The provider of an id or alias, or a `UsageError` listing the names (the input escaped). */
export function getProvider(name: string): ProviderDescription {
  const provider = findProvider(name);
  if (!provider) {
    const shown = name.replace(
      /[\x00-\x1f\x7f-\x9f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
    // The list grows with every provider: point at it rather than print forty names.
    throw new UsageError(`unknown signature scheme '${shown}'`, {
      hint: "'webhook-cli providers' lists them all",
    });
  }
  return provider;
}

/**
 * The provider a request looks like, from its headers: of those whose `detect` headers are all
 * present (or all of their `alternateHeaders` spellings, e.g. svix-*), the one with the most
 * detect headers, then the first in list order. Undefined when none matches.
 * test/providers/registry.test.ts holds that each provider's own headers detect it.
 */
export function detectProvider(headers: HeaderList): ProviderDescription | undefined {
  let best: ProviderDescription | undefined;
  for (const provider of ALL_PROVIDERS) {
    const names = provider.detect;
    if (!names || names.length === 0 || (best && (best.detect?.length ?? 0) >= names.length)) continue;
    const alternates = provider.signature.alternateHeaders;
    const present =
      names.every((name) => getHeader(headers, name) !== undefined) ||
      (alternates !== undefined &&
        names.every(
          (name) => alternates[name] !== undefined && getHeader(headers, alternates[name]) !== undefined,
        ));
    if (present) best = provider;
  }
  return best;
}

/** The sender a request looks like: a provider, else an unsigned source (Azure Event Grid). */
export function detectSender(headers: HeaderList): ProviderDescription | UnsignedSource | undefined {
  return (
    detectProvider(headers) ??
    UNSIGNED_SOURCES.find((source) => source.detect?.every((name) => getHeader(headers, name) !== undefined))
  );
}
