import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { describeProvider } from './provider-kit.js';

// No Intercom SDK verifies notifications: the oracle is the recipe on
// https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications,
// written out here with node:crypto: "sha1=" + hex HMAC-SHA1(hub_secret, the JSON notification).
const recipe = (secret: string, body: Buffer) =>
  `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;

// The page's example notification.
const body =
  '{"type":"notification_event","id":"notif_78c122d0-23ba-11e4-9464-79b01267cc2e","topic":"user.created","app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"user","id":"530370b477ad7120001d","user_id":"25","name":"Hoban Washburne","unsubscribed_from_emails":false,"custom_attributes":{}}}}';
const SECRET = 'f2b7c9a1e4d6b8a0c3e5f7a9b1d3e5f7';

describeProvider({
  id: 'intercom',
  body,
  secret: SECRET,
  wrongSecret: 'f2b7c9a1e4d6b8a0c3e5f7a9b1d3e5f8',
  sdkVerify: ({ body, headers, secret }) =>
    headers.some(([name, value]) => name === 'X-Hub-Signature' && value === recipe(secret as string, body)),
  sdkSign: ({ body, secret }) => [['X-Hub-Signature', recipe(secret as string, body)]],
});

it('Intercom: nothing time-based is signed, so sign reproduces the recipe byte for byte', () => {
  const signed = signRequest(getProvider('intercom'), {
    body: Buffer.from(body),
    timestamp: 0,
    secret: SECRET,
  });
  expect(signed).toEqual([['X-Hub-Signature', recipe(SECRET, Buffer.from(body))]]);
});
