import { createHmac } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import { decodeHex } from './encodings.js';
import type { SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

const SHA256_HEADER = 'X-Hub-Signature-256';
const SHA1_HEADER = 'X-Hub-Signature';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`. The legacy
 * `X-Hub-Signature: sha1=<hex>` is checked only when it is the only one present.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export const github: SignatureScheme = {
  name: 'github',
  idHeader: 'X-GitHub-Delivery',
  signatureHeaders: () => [SHA256_HEADER, SHA1_HEADER],
  sign: ({ body, secret }) => [
    [SHA256_HEADER, `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`],
  ],
  verify({ body, headers, secrets }): VerifyResult {
    const sha256 = getHeader(headers, SHA256_HEADER);
    const sha1 = sha256 === undefined ? getHeader(headers, SHA1_HEADER) : undefined;
    if (sha256 === undefined && sha1 === undefined) {
      return failure('github', 'missing-header', `${SHA256_HEADER} header is missing`);
    }
    const [name, algorithm, value] =
      sha256 !== undefined ? [SHA256_HEADER, 'sha256', sha256] : [SHA1_HEADER, 'sha1', sha1 as string];
    const digestLength = algorithm === 'sha256' ? 32 : 20;
    const prefix = `${algorithm}=`;
    const digest = value.trim().startsWith(prefix) ? decodeHex(value.trim().slice(prefix.length)) : undefined;
    if (digest?.length !== digestLength) {
      return failure(
        'github',
        'malformed-header',
        `${name} is not ${prefix}<${digestLength * 2} hex digits>`,
      );
    }
    return matchSecrets(
      'github',
      secrets,
      [digest],
      (secret) => createHmac(algorithm, secret).update(body).digest(),
      name,
    );
  },
};
