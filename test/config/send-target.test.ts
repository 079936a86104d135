import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpTarget, type RecordedRequest, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('webhook-cli-targets-');
const SECRET = 'whsec_c3RyaXBlLXNlY3JldC1mb3ItdGVzdHM=';
const payload = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: {} } });

let app: HttpTarget | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The event type Stripe's own SDK reads from a received request, once it accepts its signature. */
function stripeEventType(received: RecordedRequest | undefined): string {
  return new Stripe('sk_test_unused').webhooks.constructEvent(
    received?.body.toString() as string,
    received?.headers['stripe-signature'] as string,
    SECRET,
  ).type;
}

function config(url: string): string {
  return `targets:
  stripe-app:
    url: ${url}/webhooks/stripe
    sign: stripe
    secretEnv: STRIPE_WEBHOOK_SECRET
    header:
      X-Env: test
  plain:
    url: ${url}/plain
`;
}

describe('trigger --to <target name>', () => {
  it("triggers to the config file's target with its secret and headers; Stripe's SDK accepts it", async () => {
    app = await startHttpTarget();
    const cwd = tree({ 'webhook-cli.yaml': config(app.url) });
    const result = await runCli(['trigger', 'stripe', 'invoice.paid', '--to', 'stripe-app'], {
      cwd,
      env: { STRIPE_WEBHOOK_SECRET: SECRET },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^config: \.\/webhook-cli\.yaml\n/);
    const [received] = app.requests;
    expect(received?.url).toBe('/webhooks/stripe');
    expect(received?.headers['x-env']).toBe('test');
    expect(stripeEventType(received)).toBe('invoice.paid');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

describe('send --to <target name>', () => {
  it("sends to the config file's target, signed as it says, with its headers", async () => {
    app = await startHttpTarget();
    const cwd = tree({ 'webhook-cli.yaml': config(app.url), 'event.json': payload });
    const result = await runCli(['send', 'event.json', '--to', 'stripe-app', '-H', 'X-Extra: 1'], {
      cwd,
      env: { STRIPE_WEBHOOK_SECRET: SECRET },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^config: \.\/webhook-cli\.yaml\n/);
    const [received] = app.requests;
    expect(received?.url).toBe('/webhooks/stripe');
    expect(received?.headers['x-env']).toBe('test');
    expect(received?.headers['x-extra']).toBe('1');
    expect(stripeEventType(received)).toBe('invoice.paid');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('a URL reads no config file; --config names one; a target without sign is sent unsigned', async () => {
    app = await startHttpTarget();
    const cwd = tree({
      'other.yaml': config(app.url),
      'webhook-cli.yaml': 'broken: [',
      'event.json': payload,
    });
    const byUrl = await runCli(['send', 'event.json', '--to', `${app.url}/direct`], { cwd });
    expect([byUrl.code, byUrl.stderr.includes('config:')]).toEqual([0, false]);
    const byName = await runCli(['send', 'event.json', '--to', 'plain', '--config', 'other.yaml'], { cwd });
    expect(byName.code).toBe(0);
    expect(app.requests.map((request) => [request.url, request.headers['stripe-signature']])).toEqual([
      ['/direct', undefined],
      ['/plain', undefined],
    ]);
  });

  it('an unknown name, no config file, a secret variable that is not set (exact messages)', async () => {
    const cwd = tree({ 'webhook-cli.yaml': config('http://127.0.0.1:1'), 'event.json': payload });
    const unknown = await runCli(['send', 'event.json', '--to', 'stripe'], { cwd });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      "config: ./webhook-cli.yaml\nwebhook-cli: --to: webhook-cli.yaml has no target 'stripe' (its targets: stripe-app, plain)\n",
    ]);
    const none = await runCli(['send', 'event.json', '--to', 'stripe-app', '--no-config'], { cwd });
    expect([none.code, none.stderr]).toEqual([
      2,
      "webhook-cli: --to: 'stripe-app' is neither an http(s) URL nor a target of a config file (without --no-config, targets come from ./webhook-cli.json or ./webhook-cli.yaml)\n",
    ]);
    const unset = await runCli(['send', 'event.json', '--to', 'stripe-app'], { cwd });
    expect([unset.code, unset.stderr]).toEqual([
      2,
      'config: ./webhook-cli.yaml\nwebhook-cli: webhook-cli.yaml:5:16: targets.stripe-app.secretEnv: the environment variable STRIPE_WEBHOOK_SECRET is not set (export STRIPE_WEBHOOK_SECRET=... first)\n',
    ]);
  });
});
