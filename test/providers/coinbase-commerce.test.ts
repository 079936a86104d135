import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { runCli } from '../helpers/run-cli.js';
import { describeProvider } from './provider-kit.js';

// Oracle: coinbase-commerce-node, Coinbase Commerce's own Node library (lib/Webhook.js):
// Webhook.verifySigHeader checks (and throws on a mismatch), Webhook.computeSignature signs.
// The package ships no types; the two functions used are typed here.
const { Webhook } = createRequire(import.meta.url)('coinbase-commerce-node') as {
  Webhook: {
    verifySigHeader(payload: string, signature: string, secret: string): true;
    computeSignature(payload: string, secret: string): string;
  };
};

// Shape of the example on https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields.
const BODY =
  '{"attempt_number":1,"event":{"api_version":"2018-03-22","created_at":"2023-08-30T19:29:20Z","data":{"id":"2aee9dd1-67b8-43ef-8dfe-977959850f27","code":"XA6G6ZFR"},"id":"4e6ae6b2-f2c5-4e2b-9a2e-1b5b0c5f8e11","resource":"event","type":"charge:created"},"id":"b5f4f5c3-2d1e-4e7a-9a4e-3c3f7f2a1d10","scheduled_for":"2023-08-30T19:29:20Z"}';
const SECRET = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

describeProvider({
  id: 'coinbase-commerce',
  body: BODY,
  secret: SECRET,
  wrongSecret: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5f',
  sdkVerify: ({ body, headers, secret }) => {
    try {
      return Webhook.verifySigHeader(
        body.toString('utf8'),
        getHeader(headers, 'X-CC-Webhook-Signature') ?? '',
        secret as string,
      );
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret }) => [
    ['X-CC-Webhook-Signature', Webhook.computeSignature(body.toString('utf8'), secret as string)],
  ],
});

describe('Coinbase Commerce through webhook-cli verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'coinbase-commerce-'));
    await writeFile(join(dir, 'event.json'), BODY);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const verify = (signature: string) =>
    runCli(
      ['verify', 'event.json', '--scheme', 'coinbase-commerce', '-H', `X-CC-Webhook-Signature: ${signature}`],
      { cwd: dir, env: { WEBHOOK_SECRET: SECRET } },
    );

  it('accepts what the SDK signed, rejects another signature, and never prints the secret', async () => {
    const good = await verify(Webhook.computeSignature(BODY, SECRET));
    expect(good).toMatchObject({ code: 0, stdout: '✔ valid coinbase-commerce signature\n' });
    const bad = await verify(Webhook.computeSignature(`${BODY} `, SECRET));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      '✘ mismatch: X-CC-Webhook-Signature does not match (wrong secret, or the body was changed)\n',
    );
    for (const result of [good, bad]) expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});
