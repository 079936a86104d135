import type { SignatureFlags } from '../signature-flags.js';
import { type Duration, durationText, flagList } from './api-deps.js';

/** The secret and generic-HMAC options, as `--secret`, `--secret-env`, `--algorithm`, ... take them. */
export interface SignatureInput {
  /** `--secret`: one, or several for key rotation (verify accepts any; sign uses the first). */
  secret?: string | readonly string[];
  /** `--secret-env`: read the secret from this environment variable (default WEBHOOK_SECRET). */
  secretEnv?: string;
  /** `--tolerance`: how far a signed timestamp may be from now (default 5m; 0 = no check). */
  tolerance?: Duration;
  /** hmac scheme: `--algorithm` sha1, sha256 or sha512. */
  algorithm?: string;
  /** hmac scheme: `--encoding` hex or base64. */
  encoding?: string;
  /** hmac scheme: `--signature-header`. */
  signatureHeader?: string;
  /** hmac scheme: `--prefix`. */
  prefix?: string;
  /** hmac scheme: `--timestamp-header`. */
  timestampHeader?: string;
  /** `--public-key`: a key file or the key itself, for Ed25519, ECDSA and RSA schemes (verify). */
  publicKey?: string;
  /** `--private-key`: a key file, for Ed25519, ECDSA and RSA schemes (sign). */
  privateKey?: string;
  /** `--param name=value`: values a scheme signs beyond the request (PayPal's `webhook-id`). */
  params?: Readonly<Record<string, string>>;
}

/** The API's signature options → the flag values `resolveSignatureOptions` reads. */
export function toSignatureFlags(input: SignatureInput): SignatureFlags {
  const flags: SignatureFlags = {};
  const secret = flagList(input.secret);
  if (secret !== undefined) flags.secret = secret;
  if (input.secretEnv !== undefined) flags.secretEnv = input.secretEnv;
  const tolerance = durationText(input.tolerance);
  if (tolerance !== undefined) flags.tolerance = tolerance;
  if (input.params !== undefined) flags.param = Object.entries(input.params).map(([k, v]) => `${k}=${v}`);
  for (const key of [
    'algorithm',
    'encoding',
    'signatureHeader',
    'prefix',
    'timestampHeader',
    'publicKey',
    'privateKey',
  ] as const) {
    const value = input[key];
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}

/** `{ Name: value }` or `['Name: value']` → `-H` values. */
export function headerFlags(
  headers: Readonly<Record<string, string>> | readonly string[] | undefined,
): string[] | undefined {
  if (headers === undefined) return undefined;
  if (Array.isArray(headers)) return [...(headers as readonly string[])];
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}
