import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { verifyDelivery } from '../../src/signatures/signature-settings.js';
import { runCli } from '../helpers/run-cli.js';
import { URL_SIGNER } from './provider-kit.js';

const NOW = 1_767_225_600;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnostics-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function verify(body: string, args: string[]) {
  const file = join(dir, 'body.json');
  await writeFile(file, body);
  return runCli(['verify', file, '--now', String(NOW), ...args], { cwd: dir });
}

describe('why a signature failed, in the provider terms', () => {
  it('the body was re-serialised: the signature matches its compact re-encoding', async () => {
    const compact = '{"action":"opened","issue":{"number":7,"labels":["bug"]}}';
    const signature = `sha256=${createHmac('sha256', 's3cret').update(compact).digest('hex')}`;
    const pretty = JSON.stringify(JSON.parse(compact), null, 2);
    const result = await verify(pretty, [
      '--scheme',
      'github',
      '--secret',
      's3cret',
      '-H',
      `X-Hub-Signature-256: ${signature}`,
    ]);
    expect(result).toMatchObject({
      code: 1,
      stdout:
        "✘ mismatch: X-Hub-Signature-256 does not match (wrong secret, or the body was changed); it matches the body's compact re-encoding: a proxy or a JSON body parser changed the bytes, so check the raw body\n",
    });
  });

  it('the secret was given in the wrong form: a whsec_ secret used as text by the sender', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"type":"invoice.paid"}';
    const signature = createHmac('sha256', secret).update(`msg_1.${NOW}.${body}`).digest('base64');
    const result = await verify(body, [
      '--scheme',
      'standard-webhooks',
      '--secret',
      secret,
      '-H',
      'webhook-id: msg_1',
      '-H',
      `webhook-timestamp: ${NOW}`,
      '-H',
      `webhook-signature: v1,${signature}`,
    ]);
    expect(result.stdout).toBe(
      '✘ mismatch: webhook-signature does not match (wrong secret, or the body was changed); it matches the secret used as text, but Standard Webhooks decodes the base64 after whsec_\n',
    );
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('the secret was given without its prefix: Stripe keys with the whole whsec_ text', async () => {
    const body = '{"id":"evt_1"}';
    const v1 = createHmac('sha256', 'whsec_abc123').update(`${NOW}.${body}`).digest('hex');
    const result = await verify(body, [
      '--scheme',
      'stripe',
      '--secret',
      'abc123',
      '-H',
      `Stripe-Signature: t=${NOW},v1=${v1}`,
    ]);
    expect(result.stdout).toBe(
      '✘ mismatch: Stripe-Signature does not match (wrong secret, or the body was changed); it matches the secret with its whsec_ prefix: Stripe uses the secret text exactly as given (pass it whole, prefix included)\n',
    );
  });

  it('the clock is off: by how much, and what to do', async () => {
    const body = '{"id":"evt_1"}';
    const signed = NOW - 3600;
    const v1 = createHmac('sha256', 'whsec_x').update(`${signed}.${body}`).digest('hex');
    const result = await verify(body, [
      '--scheme',
      'stripe',
      '--secret',
      'whsec_x',
      '-H',
      `Stripe-Signature: t=${signed},v1=${v1}`,
    ]);
    expect(result).toMatchObject({
      code: 1,
      stdout:
        '✘ timestamp-too-old: timestamp 1767222000 (2025-12-31T23:00:00Z) is 1h old, beyond the 5m tolerance\n',
      stderr: 'hint: to check a saved delivery, pass --now <unix time it arrived> or --tolerance 0\n',
    });
  });

  it('the URL differs from the one signed (a URL-signing provider)', () => {
    const provider = URL_SIGNER;
    const body = Buffer.from('{"a":1}');
    const headers = signRequest(provider, {
      body,
      timestamp: NOW,
      secret: 'k',
      url: 'https://example.com/hook',
    });
    const result = verifyDelivery(
      { provider, secrets: ['k'], url: 'http://example.com/hook' },
      { body, headers },
      NOW,
    );
    expect(result.detail).toBe(
      'X-Sig does not match (wrong secret, or the body was changed); it matches the URL https://example.com/hook, not http://example.com/hook: pass --url with the URL the provider calls',
    );
    expect(verifyDelivery({ provider, secrets: ['k'] }, { body, headers }, NOW)).toMatchObject({
      reason: 'missing-input',
      detail: 'cannot check: the URL the provider called is not known',
    });
  });
});
