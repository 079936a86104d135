import { type KeyObject, sign, verify } from 'node:crypto';

export type AsymmetricAlgorithm = 'ed25519' | 'ecdsa-p256-sha256' | 'rsa-sha1' | 'rsa-sha256';

/** The digest Node's `crypto.sign` / `verify` take for each algorithm (Ed25519 has none). */
function digestOf(algorithm: AsymmetricAlgorithm): string | null {
  if (algorithm === 'ed25519') return null;
  return algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
}

/**
 * Ed25519, ECDSA P-256 (DER-encoded signature, as SendGrid and most libraries send it) and RSA
 * PKCS#1 v1.5. False for a malformed signature too: a mismatch is a value, never an exception.
 */
export function verifyAsymmetric(
  algorithm: AsymmetricAlgorithm,
  key: KeyObject,
  data: Buffer,
  signature: Buffer,
): boolean {
  try {
    return verify(
      digestOf(algorithm),
      data,
      algorithm === 'ecdsa-p256-sha256' ? { key, dsaEncoding: 'der' } : key,
      signature,
    );
  } catch {
    return false;
  }
}

export function signAsymmetric(algorithm: AsymmetricAlgorithm, key: KeyObject, data: Buffer): Buffer {
  return sign(
    digestOf(algorithm),
    data,
    algorithm === 'ecdsa-p256-sha256' ? { key, dsaEncoding: 'der' } : key,
  );
}
