import { createHmac } from 'node:crypto';
import Razorpay from 'razorpay';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// Oracle: razorpay, Razorpay's own SDK: Razorpay.validateWebhookSignature checks. The SDK has no
// signer, so the signing side is the pseudocode on https://razorpay.com/docs/webhooks/validate-test/
// written out here on its own: hmac('sha256', raw body, webhook secret), hex.
const recipe = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

const spec: ProviderSpec = {
  id: 'razorpay',
  // Shape of the payment.captured sample on https://razorpay.com/docs/webhooks/payments.
  body: '{"account_id":"acc_BFQ7uQEaa7j2z7","contains":["payment"],"created_at":1691735748,"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_MSMdGnIjrVhBYP","amount":100,"currency":"INR","status":"captured"}}}}',
  secret: 'my-webhook-secret-2f8c1e',
  wrongSecret: 'my-webhook-secret-2f8c1f',
  sdkVerify: ({ body, headers, secret }) =>
    Razorpay.validateWebhookSignature(
      body.toString('utf8'),
      getHeader(headers, 'X-Razorpay-Signature') ?? '',
      secret as string,
    ),
  sdkSign: ({ body, secret }) => [['X-Razorpay-Signature', recipe(secret as string, body)]],
};
describeProvider(spec);

it('Razorpay: a signature that is not hex says what it should be', () => {
  const provider = getProvider('razorpay');
  const body = Buffer.from(spec.body);
  const [[name, value]] = signWithCli(provider, spec, body, 0) as [[string, string]];
  const base64 = Buffer.from(value, 'hex').toString('base64');
  const result = verifyWithCli(provider, spec, { body, headers: [[name, base64]], now: 0 });
  expect(result).toMatchObject({ ok: false, reason: 'malformed-header' });
  expect(result.detail).toBe('X-Razorpay-Signature is not <64 hex digits>');
});
