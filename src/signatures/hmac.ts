import { createHmac } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import { decodeBase64, decodeHex } from './encodings.js';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS, parseUnixSeconds } from './timestamps.js';
import type { HmacOptions, SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

export const DEFAULT_HMAC_OPTIONS: HmacOptions = {
  algorithm: 'sha256',
  encoding: 'hex',
  signatureHeader: 'X-Signature',
  prefix: '',
};

const DIGEST_LENGTH = { sha1: 20, sha256: 32, sha512: 64 } as const;

function withDefaults(options: Partial<HmacOptions> | undefined): HmacOptions {
  const merged = { ...DEFAULT_HMAC_OPTIONS };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** HMAC over the body, or over `<ts>.<body>` when a timestamp header is configured. */
function digest(options: HmacOptions, secret: string, timestamp: number | undefined, body: Buffer): Buffer {
  const hmac = createHmac(options.algorithm, secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`);
  return hmac.update(body).digest();
}

/**
 * Generic HMAC for the user's own services: `<signature-header>: <prefix><hex|base64 digest>`,
 * optionally with `<timestamp-header>: <unix>` signed as `<ts>.<body>` and checked ±300 s.
 */
export const hmac: SignatureScheme = {
  name: 'hmac',
  signatureHeaders(options) {
    const { signatureHeader, timestampHeader } = withDefaults(options);
    return timestampHeader ? [signatureHeader, timestampHeader] : [signatureHeader];
  },
  sign({ body, secret, timestamp, hmac: options }) {
    const resolved = withDefaults(options);
    const value =
      resolved.prefix +
      digest(resolved, secret, resolved.timestampHeader ? timestamp : undefined, body).toString(
        resolved.encoding,
      );
    return resolved.timestampHeader
      ? [
          [resolved.timestampHeader, String(timestamp)],
          [resolved.signatureHeader, value],
        ]
      : [[resolved.signatureHeader, value]];
  },
  verify({ body, headers, secrets, now, toleranceSeconds, hmac: options }): VerifyResult {
    const resolved = withDefaults(options);
    const { signatureHeader, timestampHeader, prefix, encoding, algorithm } = resolved;
    const value = getHeader(headers, signatureHeader);
    if (value === undefined) return failure('hmac', 'missing-header', `${signatureHeader} header is missing`);
    let timestamp: number | undefined;
    if (timestampHeader) {
      const text = getHeader(headers, timestampHeader);
      if (text === undefined)
        return failure('hmac', 'missing-header', `${timestampHeader} header is missing`);
      timestamp = parseUnixSeconds(text);
      if (timestamp === undefined) {
        return failure('hmac', 'malformed-header', `${timestampHeader} is not a Unix timestamp`);
      }
    }
    const trimmed = value.trim();
    if (!trimmed.startsWith(prefix)) {
      return failure(
        'hmac',
        'malformed-header',
        `${signatureHeader} does not start with ${JSON.stringify(prefix)}`,
      );
    }
    const encoded = trimmed.slice(prefix.length);
    const bytes = encoding === 'hex' ? decodeHex(encoded) : decodeBase64(encoded);
    if (bytes?.length !== DIGEST_LENGTH[algorithm]) {
      return failure(
        'hmac',
        'malformed-header',
        `${signatureHeader} is not ${prefix ? `${prefix}` : ''}<${encoding} ${algorithm} digest>`,
      );
    }
    if (timestamp !== undefined) {
      const late = checkTimestamp(
        'hmac',
        timestamp,
        now,
        toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
        true,
      );
      if (late) return late;
    }
    return matchSecrets(
      'hmac',
      secrets,
      [bytes],
      (secret) => digest(resolved, secret, timestamp, body),
      signatureHeader,
    );
  },
};
