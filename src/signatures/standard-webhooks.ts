import { createHmac, randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { decodeBase64 } from './encodings.js';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS, parseUnixSeconds } from './timestamps.js';
import type { SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The HMAC key: the base64 text after `whsec_` (a secret without the prefix is base64 too), as in
 * the `standardwebhooks` library. Throws a `UsageError` that never quotes the secret.
 */
export function decodeStandardWebhooksSecret(secret: string, label = 'the secret'): Buffer {
  const text = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = text.length % 4 === 0 && BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length === 0) {
    throw new UsageError(`${label} is not a Standard Webhooks secret: the part after whsec_ must be base64`, {
      hint: 'use the signing secret exactly as the provider shows it, e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
  }
  return key;
}

/** `msg_` and 24 random base62 characters, the shape of Svix message ids. */
export function generateMessageId(): string {
  let id = 'msg_';
  for (const byte of randomBytes(24)) id += BASE62[byte % 62];
  return id;
}

function digest(key: Buffer, id: string, timestamp: number, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** Reads `webhook-*`, or `svix-*` when none of the `webhook-*` headers is there. */
function readHeaders(headers: HeaderList) {
  const names = ['id', 'timestamp', 'signature'];
  const prefix =
    names.some((name) => getHeader(headers, `webhook-${name}`) !== undefined) ||
    !names.some((name) => getHeader(headers, `svix-${name}`) !== undefined)
      ? 'webhook-'
      : 'svix-';
  return {
    prefix,
    id: getHeader(headers, `${prefix}id`),
    timestamp: getHeader(headers, `${prefix}timestamp`),
    signature: getHeader(headers, `${prefix}signature`),
  };
}

/**
 * Standard Webhooks (and Svix): `webhook-id`, `webhook-timestamp`, and `webhook-signature:
 * v1,<base64 HMAC-SHA256(key, "<id>.<ts>.<body>")>` (several, space-separated). Like the
 * `standardwebhooks` library: the timestamp (±300 s) is checked before the signatures; `v1a`
 * (asymmetric) entries are skipped. Unlike it, an id containing `.` is rejected, as the
 * specification requires, since it would make the signed content ambiguous.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export const standardWebhooks: SignatureScheme = {
  name: 'standard-webhooks',
  idHeader: 'webhook-id',
  signatureHeaders: () => ['webhook-timestamp', 'webhook-signature', 'svix-timestamp', 'svix-signature'],
  sign({ body, secret, id = generateMessageId(), timestamp }) {
    if (id === '' || id.includes('.')) {
      throw new UsageError(`the webhook id ${JSON.stringify(id)} cannot be signed`, {
        hint: 'Standard Webhooks ids must be non-empty and must not contain "."',
      });
    }
    const signature = digest(decodeStandardWebhooksSecret(secret), id, timestamp, body).toString('base64');
    return [
      ['webhook-id', id],
      ['webhook-timestamp', String(timestamp)],
      ['webhook-signature', `v1,${signature}`],
    ];
  },
  verify({ body, headers, secrets, now, toleranceSeconds }): VerifyResult {
    const { prefix, id, timestamp: timestampText, signature } = readHeaders(headers);
    const missing = (
      [
        ['id', id],
        ['timestamp', timestampText],
        ['signature', signature],
      ] as const
    )
      .filter(([, value]) => value === undefined)
      .map(([name]) => `${prefix}${name}`);
    if (id === undefined || timestampText === undefined || signature === undefined) {
      const list =
        missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
      return failure(
        'standard-webhooks',
        'missing-header',
        `${list} header${missing.length > 1 ? 's are' : ' is'} missing`,
      );
    }
    if (id.includes('.')) {
      return failure(
        'standard-webhooks',
        'malformed-header',
        `${prefix}id contains ".", which the specification forbids`,
      );
    }
    const timestamp = parseUnixSeconds(timestampText);
    if (timestamp === undefined) {
      return failure('standard-webhooks', 'malformed-header', `${prefix}timestamp is not a Unix timestamp`);
    }
    const late = checkTimestamp(
      'standard-webhooks',
      timestamp,
      now,
      toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
      true,
    );
    if (late) return late;
    const entries = signature.split(' ').filter((entry) => entry !== '');
    const v1 = entries.filter((entry) => entry.startsWith('v1,'));
    if (v1.length === 0) {
      const why = entries.some((entry) => entry.startsWith('v1a,'))
        ? 'only v1a (ed25519) signatures, which webhook-cli does not check'
        : 'no v1,<base64> signature';
      return failure('standard-webhooks', 'malformed-header', `${prefix}signature has ${why}`);
    }
    const candidates = v1.flatMap((entry) => decodeBase64(entry.slice(3)) ?? []);
    return matchSecrets(
      'standard-webhooks',
      secrets,
      candidates,
      (secret) => digest(decodeStandardWebhooksSecret(secret), id, timestamp, body),
      v1.length === 1 ? `${prefix}signature` : `${prefix}signature (${v1.length} v1 signatures)`,
    );
  },
};
