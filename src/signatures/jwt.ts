import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal.js';

export type JwtAlgorithm = 'HS256' | 'HS384' | 'HS512';

const DIGEST = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type JwtCheck =
  | { ok: true; claims: Record<string, unknown>; keyIndex: number }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'mismatch'; detail: string };

/** A compact JWS (`header.payload.signature`) over `claims`, HMAC-signed. */
export function signJwt(
  claims: Record<string, unknown>,
  key: Buffer,
  algorithm: JwtAlgorithm = 'HS256',
): string {
  const header = Buffer.from(JSON.stringify({ alg: algorithm, typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac(DIGEST[algorithm], key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Checks an HMAC JWS against each key (key rotation) and returns its claims. Only the algorithms
 * in `allowed` are accepted (never `none`). Claim checks are the caller's.
 */
export function verifyJwt(
  token: string,
  keys: readonly Buffer[],
  allowed: readonly JwtAlgorithm[],
): JwtCheck {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    return { ok: false, reason: 'malformed', detail: 'is not a compact JWT (header.payload.signature)' };
  }
  const [headerText, payloadText, signatureText] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(headerText, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payloadText, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'is a JWT whose header or payload is not JSON' };
  }
  const alg = typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
  const algorithm = allowed.find((name) => name === alg);
  if (!algorithm) {
    return {
      ok: false,
      reason: 'algorithm',
      detail: `is a JWT signed with ${JSON.stringify(alg)}, not ${allowed.join(' or ')}`,
    };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return { ok: false, reason: 'malformed', detail: 'is a JWT whose payload is not an object' };
  }
  const signature = Buffer.from(signatureText, 'base64url');
  for (const [index, key] of keys.entries()) {
    const expected = createHmac(DIGEST[algorithm], key).update(`${headerText}.${payloadText}`).digest();
    if (constantTimeEqual(signature, expected)) {
      return { ok: true, claims: claims as Record<string, unknown>, keyIndex: index };
    }
  }
  return { ok: false, reason: 'mismatch', detail: 'does not match' };
}
