import { createHmac } from 'node:crypto';
import { sign as signGithub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { send, sendJson, startListen } from '../listen/listen-helpers.js';

const SECRET = 'one-secret-for-both';

describe('listen --verify auto', () => {
  it('verifies each delivery as the provider its headers name, and says when none matches', async () => {
    const listener = await startListen([
      '--verify',
      'auto',
      '--secret',
      SECRET,
      '--json',
      '--max-events',
      '3',
    ]);
    expect(listener.deps.stderr.text()).toContain(
      "verifying  each delivery's provider signatures (1 secret)",
    );
    const body = JSON.stringify({ action: 'opened', issue: { number: 7 } });
    await sendJson(listener.url, body, {
      'X-GitHub-Event': 'issues',
      'X-Hub-Signature-256': await signGithub(SECRET, body),
    });
    const stripeBody = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: {} } });
    const header = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
      payload: stripeBody,
      secret: SECRET,
    });
    await sendJson(listener.url, stripeBody, { 'Stripe-Signature': header });
    await sendJson(listener.url, body, { 'X-Unknown-Signature': 'abc' });
    const result = await listener.done;
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.provider, line.signature])).toEqual([
      ['github', { scheme: 'github', ok: true, reason: null }],
      ['stripe', { scheme: 'stripe', ok: true, reason: null }],
      [null, { scheme: 'auto', ok: false, reason: 'no-provider' }],
    ]);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('--public-url and the hmac flags need --verify (exact messages)', async () => {
    const url = await runCli(['listen', '-p', '0', '--public-url', 'https://abc.example']);
    expect(url).toMatchObject({
      code: 2,
      stderr:
        'webhook-cli: --public-url needs --verify <scheme> (it is the URL signatures are checked against)\n',
    });
    const unsigned = await runCli([
      'listen',
      '-p',
      '0',
      '--verify',
      'github',
      '--secret',
      'x',
      '--public-url',
      'https://a.example',
    ]);
    expect(unsigned).toMatchObject({
      code: 2,
      stderr: 'webhook-cli: --public-url: the github scheme does not sign the URL (leave it out)\n',
    });
    const algorithm = await runCli(['listen', '-p', '0', '--algorithm', 'sha1']);
    expect(algorithm).toMatchObject({
      code: 2,
      stderr: 'webhook-cli: --algorithm needs --verify hmac (the hmac flags describe your own HMAC scheme)\n',
    });
    const send = await runCli(['send', 'p.json', '--to', 'http://127.0.0.1:1/', '--algorithm', 'sha1']);
    expect(send).toMatchObject({
      code: 2,
      stderr: 'webhook-cli: --algorithm needs --sign hmac (the hmac flags describe your own HMAC scheme)\n',
    });
  });

  it('answers Slack url_verification only when its signature holds', async () => {
    const listener = await startListen(['--verify', 'slack', '--secret', SECRET, '--max-events', '2']);
    const body = JSON.stringify({ token: 't', challenge: 'chal-1', type: 'url_verification' });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const good = await sendJson(listener.url, body, {
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
    });
    expect([good.status, good.body.toString()]).toEqual([200, 'chal-1']);
    const forged = await sendJson(listener.url, body, {
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': `v0=${'0'.repeat(64)}`,
    });
    expect(forged.body.toString()).not.toBe('chal-1');
    const result = await listener.done;
    expect(result.stdout).toContain('⇄ slack url_verification (not answered: the signature failed)');
  });
});

describe('listen answers Azure Event Grid validations (no signature, no --verify needed)', () => {
  it('SubscriptionValidationEvent → { validationResponse }, OPTIONS → WebHook-Allowed-Origin', async () => {
    const listener = await startListen(['--max-events', '2']);
    const validation = [
      {
        id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
        topic: '/subscriptions/x',
        subject: '',
        data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' },
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: '2018-01-25T22:12:19.4556811Z',
        dataVersion: '1',
      },
    ];
    const answered = await sendJson(listener.url, validation, { 'aeg-event-type': 'SubscriptionValidation' });
    expect([answered.status, answered.body.toString()]).toEqual([
      200,
      '{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}',
    ]);
    const options = await send(listener.url, {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' },
    });
    expect([options.status, options.headers['webhook-allowed-origin']]).toEqual([200, 'eventgrid.azure.net']);
    const result = await listener.done;
    expect(result.stdout).toContain('from azure-event-grid  ⇄ azure-event-grid SubscriptionValidationEvent');
    expect(result.stdout).toContain('⇄ azure-event-grid abuse-protection OPTIONS');
  });
});
