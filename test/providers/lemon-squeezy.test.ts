import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { detectProvider } from '../../src/providers/registry.js';
import { describeProvider } from './provider-kit.js';

// @lemonsqueezy/lemonsqueezy.js has no webhook signature helper: the oracle is the recipe on
// https://docs.lemonsqueezy.com/help/webhooks/signing-requests, written out here on its own as
// Lemon Squeezy's billing template does it (github.com/lmsqueezy/nextjs-billing
// src/app/api/webhook/route.ts): hex HMAC-SHA256 of the raw body, keyed with the signing secret.
const recipe = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

describeProvider({
  id: 'lemon-squeezy',
  // Shape of the example on https://www.lemonsqueezy.com/docs/api/webhooks/.
  body: '{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1","attributes":{"store_id":1,"identifier":"636f855c-1fb9-4c07-b75c-3a10afef010a","order_number":1,"currency":"USD","total":1199,"status":"paid"}}}',
  secret: 'lsq-signing-secret-7c1f2a',
  wrongSecret: 'lsq-signing-secret-7c1f2b',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'X-Signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [
    ['X-Event-Name', 'order_created'],
    ['X-Signature', recipe(secret as string, body)],
  ],
});

it('Lemon Squeezy: detected by X-Signature with X-Event-Name, not by X-Signature alone', () => {
  expect(
    detectProvider([
      ['x-event-name', 'order_created'],
      ['x-signature', 'ab'],
    ])?.id,
  ).toBe('lemon-squeezy');
  expect(detectProvider([['x-signature', 'ab']])?.id).not.toBe('lemon-squeezy');
});
