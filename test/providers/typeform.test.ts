import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// @typeform/api-client has no webhook signature helper: the oracle is the recipe on
// https://www.typeform.com/developers/webhooks/secure-your-webhooks/, written out here on its own:
// 'sha256=' + base64 of HMAC-SHA256(secret, raw body).
const recipe = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

const spec: ProviderSpec = {
  id: 'typeform',
  // Shape of https://www.typeform.com/developers/webhooks/example-payload/.
  body: '{"event_id":"01GS6NK1MGRCFFF7ZDW3W8X4JR","event_type":"form_response","form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15","submitted_at":"2018-01-18T18:17:02Z","answers":[{"type":"text","text":"It\'s cold right now!","field":{"id":"DlXFaesGBpoF","type":"long_text"}}]}}',
  secret: '9c0b8d1f2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c',
  wrongSecret: '9c0b8d1f2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7d',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'Typeform-Signature') === recipe(secret as string, body),
  sdkSign: ({ body, secret }) => [['Typeform-Signature', recipe(secret as string, body)]],
};
describeProvider(spec);

it('Typeform: a signature without the sha256= prefix says what it should look like', () => {
  const provider = getProvider('typeform');
  const body = Buffer.from(spec.body);
  const [[name, value]] = signWithCli(provider, spec, body, 0) as [[string, string]];
  const result = verifyWithCli(provider, spec, {
    body,
    headers: [[name, value.slice('sha256='.length)]],
    now: 0,
  });
  expect(result).toMatchObject({ ok: false, reason: 'malformed-header' });
  expect(result.detail).toBe('Typeform-Signature is not sha256=<base64 SHA-256 digest>');
});
