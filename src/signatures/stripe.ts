import { createHmac } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import { decodeHex } from './encodings.js';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS, parseUnixSeconds } from './timestamps.js';
import type { SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

const HEADER = 'Stripe-Signature';

/** HMAC-SHA256 over `<t>.<body>`, keyed with the whole `whsec_...` string (it is not decoded). */
function digest(secret: string, timestamp: number, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`. Like stripe-node's
 * `webhooks.constructEvent`: the signature is checked first, then the age only (a timestamp in
 * the future is accepted), 300 s by default, 0 turns the age check off.
 * https://docs.stripe.com/webhooks/signature
 */
export const stripe: SignatureScheme = {
  name: 'stripe',
  signatureHeaders: () => [HEADER],
  sign: ({ body, secret, timestamp }) => [
    [HEADER, `t=${timestamp},v1=${digest(secret, timestamp, body).toString('hex')}`],
  ],
  verify({ body, headers, secrets, now, toleranceSeconds }): VerifyResult {
    const value = getHeader(headers, HEADER);
    if (value === undefined) return failure('stripe', 'missing-header', `${HEADER} header is missing`);
    let timestamp: number | undefined;
    let timestampText: string | undefined;
    const signatures: Buffer[] = [];
    let v1Count = 0;
    for (const item of value.split(',')) {
      const equals = item.indexOf('=');
      const key = item.slice(0, equals).trim();
      const text = item.slice(equals + 1).trim();
      if (equals === -1) continue;
      if (key === 't') {
        timestampText = text;
        timestamp = parseUnixSeconds(text);
      } else if (key === 'v1') {
        v1Count++;
        const bytes = decodeHex(text);
        if (bytes?.length === 32) signatures.push(bytes);
      }
    }
    if (timestampText === undefined) {
      return failure('stripe', 'malformed-header', `${HEADER} has no t=<timestamp>`);
    }
    if (timestamp === undefined) {
      return failure('stripe', 'malformed-header', `${HEADER} has a t= value that is not a Unix timestamp`);
    }
    if (v1Count === 0) return failure('stripe', 'malformed-header', `${HEADER} has no v1=<signature>`);
    const result = matchSecrets(
      'stripe',
      secrets,
      signatures,
      (secret) => digest(secret, timestamp, body),
      v1Count === 1 ? HEADER : `${HEADER} (${v1Count} v1 signatures)`,
    );
    if (!result.ok) return result;
    return (
      checkTimestamp('stripe', timestamp, now, toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS, false) ?? result
    );
  },
};
