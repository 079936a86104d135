import { createHmac } from 'node:crypto';
import { AwsLambdaReceiver } from '@zoom/rivet/users';
import { expect, it } from 'vitest';
import type { HeaderList } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, signWithCli, verifyWithCli } from './provider-kit.js';

const SECRET = 'Bq3w7Zr1TmKx9yLpQ2sVnA';

/**
 * Oracle: Zoom's SDK, @zoom/rivet (its Lambda receiver answers 200 to a verified event, 400
 * otherwise). Rivet hashes JSON.stringify of the parsed body rather than the raw bytes, so it
 * only stands for Zoom on a body already in that compact form; any other body (the kit's changed
 * body has a trailing space) is not what Zoom signed and is refused before Rivet sees it.
 */
async function rivetAccepts(body: Buffer, headers: HeaderList, secret: string): Promise<boolean> {
  const text = body.toString('utf8');
  if (JSON.stringify(JSON.parse(text)) !== text) return false;
  return (await rivet(body, headers, secret)).statusCode === 200;
}

/** Rivet's Lambda receiver, called with a Lambda function-URL event. */
function rivet(body: Buffer, headers: HeaderList, secret: string) {
  const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret }).start() as unknown as (event: {
    body: string;
    headers: Record<string, string>;
    isBase64Encoded: boolean;
  }) => Promise<{ statusCode: number; body: string }>;
  return handler({
    body: body.toString('utf8'),
    headers: Object.fromEntries(headers),
    isBase64Encoded: false,
  });
}

// The docs' recipe (https://github.com/zoom/webhook-sample/blob/main/index.js), with node:crypto.
const recipe = (secret: string, timestamp: string, body: Buffer) =>
  `v0=${createHmac('sha256', secret)
    .update(`v0:${timestamp}:${body.toString('utf8')}`)
    .digest('hex')}`;

const body =
  '{"event":"meeting.started","payload":{"account_id":"AAAAAABBBB","object":{"duration":0,"start_time":"2021-11-02T20:43:19Z","timezone":"America/Denver","topic":"My Meeting","id":"1234567890","type":4,"uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN"}},"event_ts":1635885799302}';

describeProvider({
  id: 'zoom',
  body,
  secret: SECRET,
  wrongSecret: 'Bq3w7Zr1TmKx9yLpQ2sVnB',
  sdkVerify: ({ body, headers, secret }) => rivetAccepts(body, headers, secret as string),
  sdkSign: ({ body, secret, timestamp }) => [
    ['x-zm-request-timestamp', String(timestamp)],
    ['x-zm-signature', recipe(secret as string, String(timestamp), body)],
  ],
});

it('Zoom: the signed endpoint.url_validation request verifies; Rivet answers it with the documented token', async () => {
  const zoom = getProvider('zoom');
  const validation = Buffer.from(
    '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}',
  );
  const spec = { id: 'zoom', body: '', secret: SECRET };
  const headers = signWithCli(zoom, spec, validation, 1_654_503_849);
  expect(verifyWithCli(zoom, spec, { body: validation, headers, now: 1_654_503_849 }).ok).toBe(true);
  const answer = await rivet(validation, headers, SECRET);
  expect((await rivet(validation, headers, 'another-secret-token')).statusCode).toBe(400);
  expect(JSON.parse(answer.body)).toEqual({
    plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
    encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
  });
});
