import type { ProviderDescription } from './types.js';

/** The `providers --json` view of one provider: the description as data (functions left out). */
export function providerJson(provider: ProviderDescription): Record<string, unknown> {
  const { custom: _, ...signature } = provider.signature;
  return {
    id: provider.id,
    aliases: provider.aliases ?? [],
    name: provider.name,
    docs: provider.docs,
    summary: provider.summary,
    signature: JSON.parse(JSON.stringify(signature)),
    detect: provider.detect ?? [],
    deliveryId: provider.deliveryId ?? [],
    eventType: provider.eventType ?? null,
    handshake: provider.handshake ?? null,
    schema: provider.schema ?? null,
  };
}

/** One line per provider: id, name and how it signs, aligned. */
export function providerLines(providers: readonly ProviderDescription[]): string[] {
  const width = Math.max(...providers.map((provider) => provider.id.length));
  const nameWidth = Math.max(...providers.map((provider) => provider.name.length));
  return providers.map(
    (provider) =>
      `${provider.id.padEnd(width)}  ${provider.name.padEnd(nameWidth)}  ${describeSigning(provider)}`,
  );
}

/** `HMAC-SHA256 of "{timestamp}.{body}" in Stripe-Signature`. */
export function describeSigning(provider: ProviderDescription): string {
  const { signature } = provider;
  const where =
    signature.format.kind === 'json' ? `the body's ${signature.format.path}` : signature.format.header;
  if (signature.algorithm === 'token') return `the secret itself in ${where}`;
  if (signature.jwt) return `a ${signature.jwt.algorithms.join('/')} JWT in ${where}`;
  const algorithm = signature.algorithm.startsWith('hmac-')
    ? `HMAC-${signature.algorithm.slice(5).toUpperCase()}`
    : signature.algorithm.toUpperCase();
  const signed = signature.custom?.signedBytes ? 'provider-specific fields' : `"${signature.signed}"`;
  return `${algorithm} of ${signed} in ${where}`;
}
