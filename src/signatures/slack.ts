import { createHmac } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import { decodeHex } from './encodings.js';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS, parseUnixSeconds } from './timestamps.js';
import type { SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

const SIGNATURE_HEADER = 'X-Slack-Signature';
const TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';

function digest(secret: string, timestamp: number, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest();
}

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:<ts>:<body>")>` with
 * `X-Slack-Request-Timestamp: <ts>`. Slack's guide rejects a timestamp more than five minutes
 * from local time in either direction; the timestamp is checked before the signature, as there.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
export const slack: SignatureScheme = {
  name: 'slack',
  signatureHeaders: () => [SIGNATURE_HEADER, TIMESTAMP_HEADER],
  sign: ({ body, secret, timestamp }) => [
    [TIMESTAMP_HEADER, String(timestamp)],
    [SIGNATURE_HEADER, `v0=${digest(secret, timestamp, body).toString('hex')}`],
  ],
  verify({ body, headers, secrets, now, toleranceSeconds }): VerifyResult {
    const signature = getHeader(headers, SIGNATURE_HEADER);
    const timestampText = getHeader(headers, TIMESTAMP_HEADER);
    const missing = [SIGNATURE_HEADER, TIMESTAMP_HEADER].filter(
      (name) => getHeader(headers, name) === undefined,
    );
    if (signature === undefined || timestampText === undefined) {
      return failure(
        'slack',
        'missing-header',
        `${missing.join(' and ')} header${missing.length > 1 ? 's are' : ' is'} missing`,
      );
    }
    const timestamp = parseUnixSeconds(timestampText);
    if (timestamp === undefined) {
      return failure('slack', 'malformed-header', `${TIMESTAMP_HEADER} is not a Unix timestamp`);
    }
    const bytes = signature.trim().startsWith('v0=') ? decodeHex(signature.trim().slice(3)) : undefined;
    if (bytes?.length !== 32) {
      return failure('slack', 'malformed-header', `${SIGNATURE_HEADER} is not v0=<64 hex digits>`);
    }
    const stale = checkTimestamp(
      'slack',
      timestamp,
      now,
      toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
      true,
    );
    if (stale) return stale;
    return matchSecrets(
      'slack',
      secrets,
      [bytes],
      (secret) => digest(secret, timestamp, body),
      SIGNATURE_HEADER,
    );
  },
};
