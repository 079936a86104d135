import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { PublicKeyDescription, SecretDescription } from '../providers/types.js';
import { decodeBase64, decodeHex } from './encodings.js';

const LOOSE_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The HMAC key for a secret as the provider describes it. Throws a `UsageError` that never quotes
 * the secret. `label` names it in messages (`the secret`, `secret #2`).
 */
export function decodeSecret(
  secret: string,
  description: SecretDescription | undefined,
  providerName: string,
  label = 'the secret',
): Buffer {
  const decode = description?.decode ?? 'utf8';
  if (decode === 'utf8') return Buffer.from(secret, 'utf8');
  if (decode === 'hex') {
    const key = decodeHex(secret);
    if (!key || key.length === 0)
      throw new UsageError(`${label} is not a ${providerName} secret: it must be hex`);
    return key;
  }
  const prefix = description?.prefix ?? '';
  const text =
    decode === 'prefixed-base64' && prefix && secret.startsWith(prefix)
      ? secret.slice(prefix.length)
      : secret;
  const key = text.length % 4 === 0 && LOOSE_BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length === 0) {
    const where = decode === 'prefixed-base64' ? `the part after ${prefix}` : 'it';
    throw new UsageError(`${label} is not a ${providerName} secret: ${where} must be base64`, {
      hint: `use the signing secret exactly as the provider shows it, e.g. ${description?.example ?? ''}`,
    });
  }
  return key;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A public key or certificate, in the form the provider gives it, or a `UsageError` naming the flag. */
export function importPublicKey(
  text: string,
  description: PublicKeyDescription,
  flag = '--public-key',
): KeyObject {
  const trimmed = text.trim();
  const fail = (why: string) =>
    new UsageError(`${flag}: ${why}`, {
      hint: `expected ${describeKeyForm(description)}, e.g. ${description.example}`,
    });
  try {
    if (trimmed.includes('-----BEGIN CERTIFICATE-----')) return new X509Certificate(trimmed).publicKey;
    if (trimmed.includes('-----BEGIN')) return createPublicKey(trimmed);
  } catch {
    throw fail('not a readable PEM public key or certificate');
  }
  switch (description.form) {
    case 'pem':
      throw fail('not a PEM public key or certificate');
    case 'hex-raw':
    case 'base64-raw':
    case 'prefixed-base64': {
      const body =
        description.form === 'prefixed-base64' && description.prefix && trimmed.startsWith(description.prefix)
          ? trimmed.slice(description.prefix.length)
          : trimmed;
      const raw = description.form === 'hex-raw' ? decodeHex(body) : decodeBase64(body);
      if (raw?.length !== 32) throw fail('not a 32-byte Ed25519 public key');
      return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    }
    case 'base64-spki': {
      const der = decodeBase64(trimmed);
      try {
        if (der) return createPublicKey({ key: der, format: 'der', type: 'spki' });
      } catch {}
      throw fail('not a base64 DER public key');
    }
  }
}

/** A private key to sign with: PEM, or a raw Ed25519 seed in the provider's form (`whsk_...`). */
export function importPrivateKey(
  text: string,
  description: PublicKeyDescription,
  flag = '--private-key',
): KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('-----BEGIN')) return createPrivateKey(trimmed);
  } catch {
    throw new UsageError(`${flag}: not a readable PEM private key`);
  }
  const prefix = description.privatePrefix;
  const body = prefix && trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
  const raw = description.form === 'hex-raw' ? decodeHex(body) : decodeBase64(body);
  // An Ed25519 private key is its 32-byte seed; some providers give seed + public key (64 bytes).
  if (raw && (raw.length === 32 || raw.length === 64)) {
    const seed = raw.subarray(0, 32);
    return createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
  }
  throw new UsageError(`${flag}: not a PEM private key or a raw Ed25519 key`);
}

function describeKeyForm(description: PublicKeyDescription): string {
  switch (description.form) {
    case 'hex-raw':
      return 'a hex Ed25519 public key (64 hex digits)';
    case 'base64-raw':
      return 'a base64 Ed25519 public key';
    case 'prefixed-base64':
      return `${description.prefix ?? ''}<base64 Ed25519 public key>`;
    case 'base64-spki':
      return 'a base64 DER public key';
    case 'pem':
      return 'a PEM public key or certificate (file)';
  }
}
