import { sign as signGithub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { send, sendJson, startListen } from './listen-helpers.js';

const GITHUB_SECRET = "It's a Secret to Everybody";
const STRIPE_SECRET = 'whsec_test_listen_secret';
const SW_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('listen --verify', () => {
  it('accepts GitHub signatures made by @octokit/webhooks-methods and rejects a tampered body with the reason', async () => {
    const listener = await startListen(
      ['--verify', 'github', '--secret-env', 'GH_SECRET', '--max-events', '2'],
      {
        env: { GH_SECRET: GITHUB_SECRET },
      },
    );
    expect(listener.deps.stderr.text()).toContain('verifying  github signatures (1 secret)');
    const body = JSON.stringify({ action: 'opened', issue: { number: 7 } });
    const signature = await signGithub(GITHUB_SECRET, body);
    const headers = { 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': signature };
    expect((await sendJson(`${listener.url}/`, body, headers)).status).toBe(200);
    // Same signature, one byte changed: still answered 200 (no --reject-invalid), but marked ✘.
    expect((await sendJson(`${listener.url}/`, body.replace('7', '8'), headers)).status).toBe(200);
    const result = await listener.done;
    const [good, bad] = result.stdout.split('\n').filter((line) => /^\d\d:\d\d:\d\d/.test(line));
    expect(good).toContain('✔ signature github');
    expect(bad).toContain('✘ signature mismatch');
    expect(result.stdout).toContain('signature (github): mismatch — ');
    expect(result.stderr).toContain('signature  1 ok, 1 failed (mismatch 1)');
    expect(result.stdout + result.stderr).not.toContain(GITHUB_SECRET);
    expect(result.code).toBe(1);
  });

  it('accepts Stripe signatures from stripe.webhooks.generateTestHeaderString and reports an old timestamp', async () => {
    const stripe = new Stripe('sk_test_unused');
    const listener = await startListen([
      '--verify',
      'stripe',
      '--secret',
      STRIPE_SECRET,
      '--json',
      '--max-events',
      '3',
    ]);
    const payload = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: {} } });
    const fresh = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
    const old = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: STRIPE_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    await sendJson(listener.url, payload, { 'Stripe-Signature': fresh });
    await sendJson(listener.url, payload, { 'Stripe-Signature': old });
    await sendJson(listener.url, payload);
    const result = await listener.done;
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.signature)).toEqual([
      { scheme: 'stripe', ok: true, reason: null },
      { scheme: 'stripe', ok: false, reason: 'timestamp-too-old' },
      { scheme: 'stripe', ok: false, reason: 'missing-header' },
    ]);
    expect(lines.map((line) => [line.event, line.deliveryId])).toEqual([
      ['invoice.paid', 'evt_1'],
      ['invoice.paid', 'evt_1'],
      ['invoice.paid', 'evt_1'],
    ]);
    expect(result.code).toBe(1);
  });

  it('accepts Standard Webhooks signatures from the standardwebhooks library; --reject-invalid answers 401', async () => {
    const webhook = new Webhook(SW_SECRET);
    const listener = await startListen([
      '--verify',
      'standard-webhooks',
      '--secret',
      SW_SECRET,
      '--reject-invalid',
      '--max-events',
      '2',
    ]);
    const payload = '{"type":"user.created","data":{"id":1}}';
    const now = new Date();
    const headers = {
      'webhook-id': 'msg_listen_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': webhook.sign('msg_listen_1', now, payload),
    };
    const accepted = await sendJson(listener.url, payload, headers);
    const rejected = await sendJson(listener.url, payload.replace('1}', '2}'), headers);
    expect(accepted.status).toBe(200);
    expect(rejected.status).toBe(401);
    expect(JSON.parse(rejected.body.toString())).toEqual({ error: 'invalid signature', reason: 'mismatch' });
    const result = await listener.done;
    expect(result.stdout).toMatch(/user\.created {2}msg_listen_1 .*✔ signature standard-webhooks {2}→ 200/);
    expect(result.stdout).toMatch(/✘ signature mismatch {2}→ 401/);
    expect(result.code).toBe(1);
  });

  it('exits 0 when every signature verified', async () => {
    const listener = await startListen(['--verify', 'github', '--max-events', '1', '-q'], {
      env: { WEBHOOK_SECRET: GITHUB_SECRET },
    });
    const body = 'payload=%7B%22zen%22%3A%22hi%22%7D';
    await send(listener.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-github-event': 'ping',
        'x-hub-signature-256': await signGithub(GITHUB_SECRET, body),
      },
      body,
    });
    const result = await listener.done;
    expect(result.stdout).toMatch(/ping .*✔ signature github/);
    expect(result.code).toBe(0);
  });

  it('refuses --verify without a secret, an unknown scheme, and --secret without --verify (exit 2)', async () => {
    const none = await runCli(['listen', '-p', '0', '--verify', 'github']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'webhook-cli: no secret given (pass --secret, --secret-env NAME or set WEBHOOK_SECRET)\n',
    );
    const unknown = await runCli(['listen', '-p', '0', '--verify', 'nope', '--secret', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^webhook-cli: .*nope/);
    const stray = await runCli(['listen', '-p', '0', '--secret', 'abc']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe(
      'webhook-cli: --secret needs --verify <scheme> (for example --verify github)\n',
    );
  });
});
