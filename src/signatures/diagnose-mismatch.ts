import type { ProviderDescription, SecretDescription } from '../providers/types.js';
import { signsUrl } from './engine-parts.js';
import type { VerifyInput } from './types.js';
import { verifySignature } from './verify-signature.js';

/**
 * Why a signature that did not match would have matched, in the provider's terms, or undefined.
 * Each guess re-runs the check with one thing changed (the time check off, so only that thing
 * decides); none of them is ever accepted as valid.
 */
export function diagnoseMismatch(provider: ProviderDescription, input: VerifyInput): string | undefined {
  const base: VerifyInput = { ...input, toleranceSeconds: 0 };
  const matches = (changed: Partial<VerifyInput>, as: ProviderDescription = provider) =>
    verifySignature(as, { ...base, ...changed }).ok;

  for (const body of reencodings(input.body)) {
    if (matches({ body: body.bytes })) {
      return `it matches the body's ${body.name} re-encoding: a proxy or a JSON body parser changed the bytes, so check the raw body`;
    }
  }

  const secret = provider.signature.secret;
  if (secret && input.secrets.length > 0) {
    // Stripe keys with the whole `whsec_...` text: a secret pasted without its prefix fails.
    const prefix = /^[a-z]+_/.exec(secret.example)?.[0];
    if (secret.decode === 'utf8' && prefix && input.secrets.some((s) => !s.startsWith(prefix))) {
      const whole = input.secrets.map((s) => (s.startsWith(prefix) ? s : `${prefix}${s}`));
      if (matches({ secrets: whole })) {
        return `it matches the secret with its ${prefix} prefix: ${provider.name} ${describeSecret(secret)}`;
      }
    }
    for (const form of otherSecretForms(secret)) {
      const as = { ...provider, signature: { ...provider.signature, secret: form.description } };
      try {
        if (matches({}, as))
          return `it matches the secret ${form.name}, but ${provider.name} ${describeSecret(secret)}`;
      } catch {
        // The secret cannot be read in that form: not the explanation.
      }
    }
  }

  if (input.url !== undefined && signsUrl(provider.signature)) {
    for (const url of urlVariants(input.url)) {
      if (matches({ url }))
        return `it matches the URL ${url}, not ${input.url}: pass --url with the URL the provider calls`;
    }
  }
  return undefined;
}

/** The body as a JSON body parser would write it back: compact, or indented by two spaces. */
function reencodings(body: Buffer): Array<{ name: string; bytes: Buffer }> {
  const text = body.toString('utf8');
  if (!/^\s*[[{]/.test(text)) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const forms = [
    { name: 'compact', bytes: Buffer.from(JSON.stringify(value)) },
    { name: 'indented', bytes: Buffer.from(JSON.stringify(value, null, 2)) },
  ];
  return forms.filter((form) => !form.bytes.equals(body));
}

function otherSecretForms(
  secret: SecretDescription,
): Array<{ name: string; description: SecretDescription }> {
  const forms: Array<{ name: string; description: SecretDescription }> = [
    { name: 'used as text', description: { ...secret, decode: 'utf8' } },
    {
      name: 'decoded from base64 after whsec_',
      description: { ...secret, decode: 'prefixed-base64', prefix: 'whsec_' },
    },
    { name: 'decoded from base64', description: { ...secret, decode: 'base64' } },
    { name: 'decoded from hex', description: { ...secret, decode: 'hex' } },
  ];
  return forms.filter(
    (form) =>
      form.description.decode !== secret.decode || (form.description.prefix ?? '') !== (secret.prefix ?? ''),
  );
}

function describeSecret(secret: SecretDescription): string {
  switch (secret.decode) {
    case 'utf8':
      return 'uses the secret text exactly as given (pass it whole, prefix included)';
    case 'base64':
      return 'decodes the secret from base64';
    case 'hex':
      return 'decodes the secret from hex';
    case 'prefixed-base64':
      return `decodes the base64 after ${secret.prefix ?? ''}`;
  }
}

/** The URL with the other scheme, with or without a trailing slash, without its query. */
function urlVariants(text: string): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const variants = new Set<string>();
  const other = new URL(url.href);
  other.protocol = url.protocol === 'https:' ? 'http:' : 'https:';
  variants.add(other.href);
  const slash = new URL(url.href);
  slash.pathname = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) || '/' : `${url.pathname}/`;
  variants.add(slash.href);
  if (url.search) {
    const bare = new URL(url.href);
    bare.search = '';
    variants.add(bare.href);
  }
  variants.delete(url.href);
  return [...variants];
}
