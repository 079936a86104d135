import { createHmac } from 'node:crypto';
import { describeProvider } from './provider-kit.js';

// No Slack SDK among the devDependencies: the oracle is the recipe on
// https://api.slack.com/authentication/verifying-requests-from-slack, written out here on its own
// (never through webhook-cli's code): "v0:" + timestamp + ":" + body, HMAC-SHA256, hex, "v0=".
const recipe = (secret: string, timestamp: number, body: Buffer) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;

describeProvider({
  id: 'slack',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fwebhook-collect&text=',
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  wrongSecret: '8f742231b10e8888abcd99yyyzzz85a6',
  sdkVerify: ({ body, headers, secret }) => {
    const timestamp = Number(headers.find(([name]) => name === 'X-Slack-Request-Timestamp')?.[1]);
    return headers.some(
      ([name, value]) => name === 'X-Slack-Signature' && value === recipe(secret as string, timestamp, body),
    );
  },
  sdkSign: ({ body, secret, timestamp }) => [
    ['X-Slack-Request-Timestamp', String(timestamp)],
    ['X-Slack-Signature', recipe(secret as string, timestamp, body)],
  ],
});
