import type { ProviderDescription, UnsignedSource } from './types.js';

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

/** `sha256=<hex>` or `t=<timestamp>,v1=<hex>`: what the signature header's value looks like. */
export function describeValue(provider: ProviderDescription): string {
  const { signature } = provider;
  const format = signature.format;
  const encoded = signature.jwt
    ? '<JWT>'
    : signature.algorithm === 'token'
      ? '<the secret>'
      : `<${signature.encoding}>`;
  switch (format.kind) {
    case 'header':
      return `${format.header}: ${format.prefix ?? ''}${encoded}`;
    case 'pairs': {
      const kv = format.keyValueSeparator;
      const parts = [`${format.signatureKey}${kv}${encoded}`];
      if (format.timestampKey) parts.unshift(`${format.timestampKey}${kv}<timestamp>`);
      return `${format.header}: ${parts.join(format.pairSeparator)}`;
    }
    case 'versioned-list':
      return `${format.header}: ${format.version},${encoded} (space-separated, several allowed)`;
    case 'json':
      return `the body's ${format.path}: ${encoded}`;
  }
}

function describeLocation(location: NonNullable<ProviderDescription['deliveryId']>[number]): string {
  if ('header' in location) return `${location.header} header`;
  if ('json' in location)
    return `body "${location.json}"${location.startsWith ? ` (${location.startsWith}...)` : ''}`;
  return `query ${location.query}`;
}

function describeSecret(provider: ProviderDescription): string[] {
  const { signature } = provider;
  if (signature.publicKey) {
    return [
      `Public key: ${signature.publicKey.where}`,
      `  form: ${signature.publicKey.form}${signature.publicKey.prefix ? ` (${signature.publicKey.prefix}...)` : ''}, e.g. ${signature.publicKey.example}`,
    ];
  }
  const secret = signature.secret;
  if (!secret) return [];
  const form = {
    utf8: 'used exactly as shown (the text is the key)',
    base64: 'base64, decoded to the key',
    hex: 'hex, decoded to the key',
    'prefixed-base64': `the base64 after ${secret.prefix ?? ''} is the key`,
  }[secret.decode];
  return [`Secret: ${secret.where}`, `  form: ${form}, e.g. ${secret.example}`];
}

/** Everything `providers show <id>` prints: what it sends, how it signs, the secret, examples. */
export function providerDetails(provider: ProviderDescription): string[] {
  const { signature } = provider;
  const lines = [`${provider.name} (${provider.id})`, `  ${provider.summary}`, `  docs: ${provider.docs}`];
  if (provider.aliases?.length) lines.push(`  also: ${provider.aliases.join(', ')}`);
  lines.push('', 'Signature');
  lines.push(`  ${describeSigning(provider)}`, `  ${describeValue(provider)}`);
  const timing = signature.timestamp;
  if (timing) {
    const where =
      timing.in === 'signature-header'
        ? 'in the signature header'
        : 'header' in timing.in
          ? `${timing.in.header} header`
          : `body "${timing.in.json}"`;
    const tolerance =
      timing.toleranceSeconds > 0
        ? `${timing.direction === 'both' ? '±' : 'at most '}${timing.toleranceSeconds} s${timing.direction === 'past' ? ' old' : ''}`
        : 'no tolerance documented (not checked)';
    lines.push(
      `  timestamp: ${where} (${timing.unit}), ${tolerance}, checked ${timing.checked} the signature`,
    );
  }
  if (signature.id && 'header' in signature.id.in) lines.push(`  signed id: ${signature.id.in.header}`);
  if (signature.legacy)
    lines.push(
      `  legacy: ${signature.legacy.format.header} (${signature.legacy.algorithm}) when the main header is absent`,
    );
  for (const [name, what] of Object.entries(signature.params ?? {}))
    lines.push(`  --param ${name}=...: ${what}`);
  lines.push('', ...describeSecret(provider));
  const facts: string[] = [];
  if (provider.detect?.length) facts.push(`  detected by: ${provider.detect.join(', ')}`);
  if (provider.deliveryId?.length)
    facts.push(`  delivery id: ${provider.deliveryId.map(describeLocation).join(', then ')}`);
  if (provider.eventType) {
    const suffix = provider.eventType.suffix ? ` + body "${provider.eventType.suffix.json}"` : '';
    facts.push(`  event type: ${describeLocation(provider.eventType.in)}${suffix}`);
  }
  const handshakes =
    provider.handshake === undefined
      ? []
      : Array.isArray(provider.handshake)
        ? provider.handshake
        : [provider.handshake];
  for (const handshake of handshakes as Array<{ kind: string; docs: string }>) {
    facts.push(`  handshake: ${handshake.kind}, answered by listen (${handshake.docs})`);
  }
  if (provider.schema) facts.push(`  builtin schema: ${provider.schema}`);
  if (facts.length) lines.push('', 'Deliveries', ...facts);
  lines.push('', 'Examples', ...examplesFor(provider).map((line) => `  ${line}`));
  return lines;
}

function examplesFor(provider: ProviderDescription): string[] {
  const { signature } = provider;
  const asymmetric = signature.publicKey !== undefined;
  const url =
    signature.signed.includes('{url}') || signature.jwt?.urlClaim
      ? ' --url https://example.com/webhooks'
      : '';
  const params = Object.keys(signature.params ?? {})
    .map((name) => ` --param ${name}=...`)
    .join('');
  const signKey = asymmetric ? ' --private-key key.pem' : ` --secret '${signature.secret?.example ?? '...'}'`;
  const verifyKey = asymmetric ? ' --public-key public.pem' : ' --secret-env WEBHOOK_SECRET';
  const lines: string[] = [];
  if (signature.format.kind !== 'json') {
    lines.push(`webhook-cli sign payload.json --scheme ${provider.id}${signKey}${url}${params}`);
  }
  lines.push(`webhook-cli verify capture.json --scheme ${provider.id}${verifyKey}${url}${params}`);
  const publicUrl = url ? ' --public-url https://abc.ngrok.app' : '';
  lines.push(`webhook-cli listen --verify ${provider.id}${verifyKey}${publicUrl}${params}`);
  return lines;
}

/** docs/providers.md: generated by `npm run docs:providers`; a test fails when it is stale. */
export function providersMarkdown(
  providers: readonly ProviderDescription[],
  unsigned: readonly UnsignedSource[] = [],
): string {
  const escapePipes = (text: string) => text.replaceAll('|', '\\|');
  const out = [
    '# Providers',
    '',
    '<!-- Generated from src/providers/ by `npm run docs:providers`. Do not edit by hand. -->',
    '',
    'Every provider below works with `sign --scheme <id>`, `verify --scheme <id>`, `listen --verify <id>`',
    "and `send --sign <id>`; `listen --verify auto` picks each delivery's provider from its headers.",
    '`webhook-cli providers show <id>` prints the same details in the terminal.',
    '',
    '| id | name | signature | docs |',
    '|---|---|---|---|',
    ...providers.map(
      (provider) =>
        `| \`${provider.id}\` | ${escapePipes(provider.name)} | \`${escapePipes(describeValue(provider))}\` | [docs](${provider.docs}) |`,
    ),
  ];
  for (const provider of providers) {
    out.push('', `## ${provider.name}`, '', '```', ...providerDetails(provider), '```');
  }
  if (unsigned.length > 0) {
    out.push(
      '',
      '## Senders that do not sign',
      '',
      '`listen` answers their handshakes; there is nothing to `sign` or `verify`.',
      '',
    );
    for (const source of unsigned) {
      const handshakes = Array.isArray(source.handshake) ? source.handshake : [source.handshake];
      const kinds = (handshakes as Array<{ kind: string; docs: string }>).map(
        (h) => `${h.kind} ([docs](${h.docs}))`,
      );
      out.push(`- **${source.name}** (\`${source.id}\`): ${source.summary} Handshakes: ${kinds.join(', ')}.`);
    }
  }
  return `${out.join('\n')}\n`;
}
