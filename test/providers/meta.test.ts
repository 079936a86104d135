import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { detectProvider, findProvider } from '../../src/providers/registry.js';
import { describeProvider } from './provider-kit.js';

// No Meta SDK among the devDependencies: the oracle is Meta's own WhatsApp Node SDK code
// (https://github.com/WhatsApp/WhatsApp-Nodejs-SDK src/utils.ts generateXHub256Sig and
// src/api/webhooks.ts), written out here with node:crypto: "sha256=" + hex HMAC-SHA256(App Secret, body).
const recipe = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body.toString('utf8'), 'utf8').digest('hex')}`;

const body =
  '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","text":{"body":"Does it come in another color?"},"type":"text"}]},"field":"messages"}]}]}';

describeProvider({
  id: 'meta',
  body,
  secret: '0f5e7a1c9b3d2e4f6a8b0c1d2e3f4a5b',
  wrongSecret: '0f5e7a1c9b3d2e4f6a8b0c1d2e3f4a5c',
  sdkVerify: ({ body, headers, secret }) =>
    headers.some(
      ([name, value]) => name === 'X-Hub-Signature-256' && value === recipe(secret as string, body),
    ),
  sdkSign: ({ body, secret }) => [['X-Hub-Signature-256', recipe(secret as string, body)]],
});

it('Meta: found by its product names; a GitHub delivery (same header plus X-GitHub-Event) stays GitHub', () => {
  expect(findProvider('whatsapp')?.id).toBe('meta');
  expect(findProvider('instagram')?.id).toBe('meta');
  expect(detectProvider([['X-Hub-Signature-256', 'sha256=00']])?.id).toBe('meta');
  expect(
    detectProvider([
      ['X-GitHub-Event', 'push'],
      ['X-Hub-Signature-256', 'sha256=00'],
    ])?.id,
  ).toBe('github');
});
