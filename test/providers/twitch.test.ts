import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, verifyWithCli } from './provider-kit.js';

// No Twitch SDK for Node: the oracle is Twitch's own sample, written out here with node:crypto
// (https://github.com/twitchdev/eventsub-webhooks-node-sample/blob/main/index.js verifySignature):
// "sha256=" + hex HMAC-SHA256(secret, messageID + messageTimestamp + body).
const recipe = (secret: string, id: string, timestamp: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret)
    .update(id + timestamp)
    .update(body)
    .digest('hex')}`;

const SECRET = 'keepItSecretKeepItSafe';
const body =
  '{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"channel.follow","version":"2","condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},"created_at":"2019-11-16T10:11:12.634234626Z"},"event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","followed_at":"2020-07-15T18:16:11.17106713Z"}}';

describeProvider({
  id: 'twitch',
  body,
  secret: SECRET,
  wrongSecret: 'keepItSecretKeepItSafe2',
  sdkVerify: ({ body, headers, secret }) =>
    getHeader(headers, 'Twitch-Eventsub-Message-Signature') ===
    recipe(
      secret as string,
      getHeader(headers, 'Twitch-Eventsub-Message-Id') ?? '',
      getHeader(headers, 'Twitch-Eventsub-Message-Timestamp') ?? '',
      body,
    ),
  // As twitch-cli sends it: an id, an RFC 3339 timestamp with nanoseconds (time.RFC3339Nano).
  sdkSign: ({ body, secret, timestamp }) => {
    const id = 'e76c6bd4-55c9-4987-8304-da1588d8988b';
    const text = new Date(timestamp * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1234567Z');
    return [
      ['Twitch-Eventsub-Message-Id', id],
      ['Twitch-Eventsub-Message-Timestamp', text],
      ['Twitch-Eventsub-Message-Signature', recipe(secret as string, id, text, body)],
    ];
  },
});

it('Twitch: the id is signed: another Twitch-Eventsub-Message-Id → mismatch', () => {
  const twitch = getProvider('twitch');
  const bytes = Buffer.from(body);
  const timestamp = '2026-01-01T00:00:00.123456789Z';
  const headers: [string, string][] = [
    ['Twitch-Eventsub-Message-Id', 'other-id'],
    ['Twitch-Eventsub-Message-Timestamp', timestamp],
    ['Twitch-Eventsub-Message-Signature', recipe(SECRET, 'the-id', timestamp, bytes)],
  ];
  const spec = { secret: SECRET };
  expect(verifyWithCli(twitch, spec, { body: bytes, headers, now: 1_767_225_600 })).toMatchObject({
    ok: false,
    reason: 'mismatch',
  });
  headers[0] = ['Twitch-Eventsub-Message-Id', 'the-id'];
  expect(verifyWithCli(twitch, spec, { body: bytes, headers, now: 1_767_225_600 }).ok).toBe(true);
});
