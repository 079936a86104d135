import { UsageError } from '../errors.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
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
    const shown = escapeTerminalLine(name);
    // The list grows with every provider: point at it rather than print forty names.
    throw new UsageError(`unknown signature scheme '${shown}'`, {
      hint: "'webhook-cli providers' lists them all",
    });
  }
  return provider;
}

/** Each provider's detect headers, and their alternate spellings, lower-cased once. */
const DETECTORS = ALL_PROVIDERS.flatMap((provider) => {
  const names = provider.detect;
  if (!names || names.length === 0) return [];
  const alternates = provider.signature.alternateHeaders;
  const spelledOtherwise = alternates && names.every((name) => alternates[name] !== undefined);
  return [
    {
      provider,
      names: names.map((name) => name.toLowerCase()),
      alternates: spelledOtherwise
        ? names.map((name) => (alternates[name] as string).toLowerCase())
        : undefined,
    },
  ];
});

/**
 * The provider a request looks like, from its headers: of those whose `detect` headers are all
 * present (or all of their `alternateHeaders` spellings, e.g. svix-*), the one with the most
 * detect headers, then the first in list order. Undefined when none matches.
 * test/providers/registry.test.ts holds that each provider's own headers detect it.
 */
export function detectProvider(headers: HeaderList): ProviderDescription | undefined {
  // One pass over the request's headers; every provider is then a few set lookups.
  const present = new Set(headers.map(([name]) => name.toLowerCase()));
  const has = (name: string) => present.has(name);
  let best: (typeof DETECTORS)[number] | undefined;
  for (const detector of DETECTORS) {
    if (best && best.names.length >= detector.names.length) continue;
    if (detector.names.every(has) || detector.alternates?.every(has)) best = detector;
  }
  return best?.provider;
}

/** The sender a request looks like: a provider, else an unsigned source (Azure Event Grid). */
export function detectSender(headers: HeaderList): ProviderDescription | UnsignedSource | undefined {
  return (
    detectProvider(headers) ??
    UNSIGNED_SOURCES.find((source) => source.detect?.every((name) => getHeader(headers, name) !== undefined))
  );
}
