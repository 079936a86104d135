import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { findProvider } from '../../src/providers/registry.js';
import { describeProvider } from './provider-kit.js';

// No X SDK verifies webhooks: the oracle is the construction X documents for its CRC
// (https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks;
// X's helper https://github.com/xdevplatform/account-activity-dashboard helpers/security.js:
// createHmac('sha256', consumer_secret).update(message).digest('base64'), prefixed "sha256="),
// applied to the POST body, written out here with node:crypto.
const recipe = (secret: string, message: Buffer | string) =>
  `sha256=${createHmac('sha256', secret).update(message).digest('base64')}`;

const SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';
const body =
  '{"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1234567890123456789","text":"@XDevelopers hello","user":{"id_str":"6253282","screen_name":"api"}}]}';

describeProvider({
  id: 'x',
  body,
  secret: SECRET,
  wrongSecret: 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFv',
  sdkVerify: ({ body, headers, secret }) =>
    headers.some(
      ([name, value]) => name === 'x-twitter-webhooks-signature' && value === recipe(secret as string, body),
    ),
  sdkSign: ({ body, secret }) => [['x-twitter-webhooks-signature', recipe(secret as string, body)]],
});

it('X: also found as twitter; the CRC is described with its docs link', () => {
  const x = findProvider('twitter');
  expect(x?.id).toBe('x');
  expect(x?.handshake).toEqual({
    kind: 'x-crc',
    docs: 'https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks#challenge-response-checks',
  });
});
