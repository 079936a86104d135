import { constantTimeEqual } from './constant-time-equal.js';
import type { SchemeName, VerifyReason, VerifyResult } from './types.js';

export function failure(scheme: SchemeName, reason: VerifyReason, detail: string): VerifyResult {
  return { ok: false, scheme, reason, detail };
}

export function noSecret(scheme: SchemeName): VerifyResult {
  return failure(scheme, 'no-secret', 'no secret to check the signature with');
}

/**
 * Tries every secret (key rotation) against every signature the request carries. `expected`
 * computes the digest for one secret; `candidates` are the decoded digests from the headers.
 */
export function matchSecrets(
  scheme: SchemeName,
  secrets: readonly string[],
  candidates: readonly Uint8Array[],
  expected: (secret: string) => Uint8Array,
  /** What did not match, e.g. `X-Hub-Signature-256`. */
  subject: string,
): VerifyResult {
  if (secrets.length === 0) return noSecret(scheme);
  for (const [index, secret] of secrets.entries()) {
    const digest = expected(secret);
    // No early exit inside a secret's candidates: each comparison is constant-time anyway.
    let matched = false;
    for (const candidate of candidates) if (constantTimeEqual(candidate, digest)) matched = true;
    if (matched) return { ok: true, scheme, secretIndex: index };
  }
  const detail =
    secrets.length > 1
      ? `${subject} matches none of the ${secrets.length} secrets (wrong secrets, or the body was changed)`
      : `${subject} does not match (wrong secret, or the body was changed)`;
  return failure(scheme, 'mismatch', detail);
}
