import { createHmac } from 'node:crypto';
import { WebhooksHelper } from 'square';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// Oracle: square, Square's own SDK. WebhooksHelper.verifySignature checks; the SDK has no signer,
// so the signing side is the recipe on https://developer.squareup.com/docs/webhooks/step3validate
// written out here on its own: base64 HMAC-SHA256 of the notification URL followed by the body.
const recipe = (key: string, url: string, body: Buffer) =>
  createHmac('sha256', key).update(url).update(body).digest('base64');

const spec: ProviderSpec = {
  id: 'square',
  // Shape of https://developer.squareup.com/reference/square/webhooks/order.updated's example.
  body: '{"merchant_id":"5S9MXCS9Y99KK","type":"order.updated","event_id":"116038d3-2948-439f-8679-fc86cbf1957c","created_at":"2020-04-16T23:14:26.129Z","data":{"type":"order","id":"eA3vssLHKJrv9H0IdJCM3gNqfdcZY","object":{}}}',
  secret: 'asdf1234QWERzxcv5678TY',
  wrongSecret: 'asdf1234QWERzxcv5678TZ',
  url: 'https://example.com/webhooks/square',
  sdkVerify: ({ body, headers, secret, url }) =>
    WebhooksHelper.verifySignature({
      requestBody: body.toString('utf8'),
      signatureHeader: getHeader(headers, 'x-square-hmacsha256-signature') ?? '',
      signatureKey: secret as string,
      notificationUrl: url as string,
    }),
  sdkSign: ({ body, secret, url }) => [
    ['x-square-hmacsha256-signature', recipe(secret as string, url as string, body)],
  ],
};
describeProvider(spec);

const provider = getProvider('square');
const body = Buffer.from(spec.body);

it('Square: the notification URL is signed; another URL is a mismatch (for the SDK too)', async () => {
  const headers = signWithCli(provider, spec, body, 0);
  const other = 'https://example.com/webhooks/square/';
  expect(
    await WebhooksHelper.verifySignature({
      requestBody: spec.body,
      signatureHeader: getHeader(headers, 'x-square-hmacsha256-signature') ?? '',
      signatureKey: spec.secret as string,
      notificationUrl: other,
    }),
  ).toBe(false);
  expect(verifyWithCli(provider, { ...spec, url: other }, { body, headers, now: 0 })).toMatchObject({
    ok: false,
    reason: 'mismatch',
  });
});

it('Square: without the URL it cannot check, and says so', () => {
  const headers = signWithCli(provider, spec, body, 0);
  const result = verifyWithCli(provider, { secret: spec.secret }, { body, headers, now: 0 });
  expect(result).toMatchObject({ ok: false, reason: 'missing-input' });
  expect(result.detail).toBe('cannot check: the URL the provider called is not known');
});
