import { createHmac } from 'node:crypto';
import type { SignatureAlgorithm, SignatureDescription, SignatureEncoding } from '../providers/types.js';
import type { AsymmetricAlgorithm } from './asymmetric.js';
import { decodeBase64, decodeHex } from './encodings.js';
import { renderSigned, type SignedValues, templatePlaceholders } from './signed-content.js';

/** The signed bytes: the provider's custom function when it has one, else its template. */
export function signedBytesOf(
  signature: SignatureDescription,
  values: SignedValues,
): { ok: true; bytes: Buffer } | { ok: false; missing: string } {
  if (!signature.custom?.signedBytes) return renderSigned(signature.signed, values);
  const bytes = signature.custom.signedBytes(values);
  return Buffer.isBuffer(bytes) ? { ok: true, bytes } : { ok: false, missing: bytes.missing };
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Signature text → bytes in the provider's encoding, or undefined when it is not that encoding. */
export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  if (encoding === 'hex') return decodeHex(text);
  if (encoding === 'base64') return decodeBase64(text);
  return BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
}

export function encodeSignature(bytes: Buffer, encoding: SignatureEncoding): string {
  return bytes.toString(encoding);
}

/** The fixed length of a signature in bytes, when the algorithm has one. */
export function digestLength(algorithm: SignatureAlgorithm): number | undefined {
  switch (algorithm) {
    case 'hmac-sha1':
      return 20;
    case 'hmac-sha256':
      return 32;
    case 'hmac-sha512':
      return 64;
    case 'ed25519':
      return 64;
    default:
      return undefined;
  }
}

export function isAsymmetric(algorithm: SignatureAlgorithm): algorithm is AsymmetricAlgorithm {
  return algorithm === 'ed25519' || algorithm === 'ecdsa-p256-sha256' || algorithm.startsWith('rsa-');
}

export function hmacDigest(algorithm: SignatureAlgorithm, key: Buffer, data: Buffer): Buffer {
  const digest = algorithm === 'hmac-sha1' ? 'sha1' : algorithm === 'hmac-sha512' ? 'sha512' : 'sha256';
  return createHmac(digest, key).update(data).digest();
}

/** True when a provider signs the URL it calls (`{url}` in its template, or a JWT URL claim). */
export function signsUrl(signature: SignatureDescription): boolean {
  return templatePlaceholders(signature.signed).includes('url') || signature.jwt?.urlClaim !== undefined;
}
