import { createHmac } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import { decodeBase64 } from './encodings.js';
import type { SignatureScheme, VerifyResult } from './types.js';
import { failure, matchSecrets } from './verify-result.js';

const HEADER = 'X-Shopify-Hmac-Sha256';

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, body)>`, no timestamp.
 * https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify
 */
export const shopify: SignatureScheme = {
  name: 'shopify',
  idHeader: 'X-Shopify-Webhook-Id',
  signatureHeaders: () => [HEADER],
  sign: ({ body, secret }) => [[HEADER, createHmac('sha256', secret).update(body).digest('base64')]],
  verify({ body, headers, secrets }): VerifyResult {
    const value = getHeader(headers, HEADER);
    if (value === undefined) return failure('shopify', 'missing-header', `${HEADER} header is missing`);
    const digest = decodeBase64(value.trim());
    if (digest?.length !== 32) {
      return failure('shopify', 'malformed-header', `${HEADER} is not a base64 SHA-256 digest`);
    }
    return matchSecrets(
      'shopify',
      secrets,
      [digest],
      (secret) => createHmac('sha256', secret).update(body).digest(),
      HEADER,
    );
  },
};
