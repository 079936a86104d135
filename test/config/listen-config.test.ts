import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sign as signGithub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryJson } from '../../src/output/delivery-json.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { schemeFor } from '../helpers/signing.js';
import { tempTree } from '../helpers/temp-tree.js';
import { sendJson, startListen } from '../listen/listen-helpers.js';

const tree = tempTree('webhook-cli-config-');
const SECRETS = {
  STRIPE_WEBHOOK_SECRET: 'whsec_c3RyaXBlLXNlY3JldC1mb3ItdGVzdHM=',
  GITHUB_WEBHOOK_SECRET: 'gh-secret-for-tests',
  SHOPIFY_WEBHOOK_SECRET: 'shopify-secret-for-tests',
};

const targets: HttpTarget[] = [];
afterEach(async () => {
  for (const target of targets.splice(0)) await target.close();
});
async function target(body: string): Promise<HttpTarget> {
  const started = await startHttpTarget([{ status: 200, body }]);
  targets.push(started);
  return started;
}

function parseLines(stdout: string): DeliveryJson[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('listen with a config file of three routes', () => {
  it('verifies each route as its provider and forwards it to its own app; other paths get the top-level settings', async () => {
    const [stripeApp, githubApp, shopifyApp] = [
      await target('stripe'),
      await target('github'),
      await target('shopify'),
    ];
    const cwd = tree({
      'webhook-cli.yaml': `$schema: ./node_modules/webhook-cli/schemas/config.schema.json
listen:
  status: 202
  routes:
    - path: /stripe
      verify: stripe
      secretEnv: STRIPE_WEBHOOK_SECRET
      forwardTo: ${stripeApp.url}/webhooks/stripe
    - path: /github
      verify: github
      secretEnv: GITHUB_WEBHOOK_SECRET
      rejectInvalid: true
      forwardTo: ${githubApp.url}/hooks
      save: captures/github
    - path: /shopify
      verify: shopify
      secretEnv: SHOPIFY_WEBHOOK_SECRET
      forwardTo: ${shopifyApp.url}/shopify
`,
    });
    const listener = await startListen(['--json', '--max-events', '5'], { cwd, env: SECRETS });
    const stderr = listener.deps.stderr.text();
    expect(stderr).toMatch(/^config: \.\/webhook-cli\.yaml\n/);
    expect(stderr).toContain(
      `  routes     /stripe: verifying stripe, forwarding to ${stripeApp.url}/webhooks/stripe\n`,
    );
    expect(stderr).toContain(
      `             /github: verifying github, saving to ${join(cwd, 'captures/github')}, forwarding to ${githubApp.url}/hooks\n`,
    );

    const stripeBody = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: {} } });
    const stripeHeader = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
      payload: stripeBody,
      secret: SECRETS.STRIPE_WEBHOOK_SECRET,
    });
    const stripe = await sendJson(`${listener.url}/stripe?live=1`, stripeBody, {
      'Stripe-Signature': stripeHeader,
    });
    expect([stripe.status, stripe.body.toString()]).toEqual([200, 'stripe']);

    const githubBody = JSON.stringify({ action: 'opened', issue: { number: 7 } });
    const github = await sendJson(`${listener.url}/github`, githubBody, {
      'X-GitHub-Event': 'issues',
      'X-Hub-Signature-256': await signGithub(SECRETS.GITHUB_WEBHOOK_SECRET, githubBody),
    });
    expect([github.status, github.body.toString()]).toEqual([200, 'github']);
    // Signed with another route's secret: rejected on this route, never reaches its app.
    const wrong = await sendJson(`${listener.url}/github`, githubBody, {
      'X-GitHub-Event': 'issues',
      'X-Hub-Signature-256': await signGithub(SECRETS.SHOPIFY_WEBHOOK_SECRET, githubBody),
    });
    expect(wrong.status).toBe(401);

    const shopifyBody = Buffer.from(JSON.stringify({ id: 820982911946154500, email: 'jon@example.com' }));
    const shopifyHeaders = schemeFor('shopify').sign({
      body: shopifyBody,
      secret: SECRETS.SHOPIFY_WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000),
    });
    const shopify = await sendJson(`${listener.url}/shopify/orders`, shopifyBody.toString(), {
      'X-Shopify-Topic': 'orders/create',
      ...Object.fromEntries(shopifyHeaders),
    });
    expect([shopify.status, shopify.body.toString()]).toEqual([200, 'shopify']);

    const other = await sendJson(`${listener.url}/elsewhere`, '{}');
    expect(other.status).toBe(202);

    const result = await listener.done;
    expect(result.code).toBe(1);
    const lines = parseLines(result.stdout);
    expect(lines.map((line) => [line.path, line.signature, line.response.status])).toEqual([
      ['/stripe?live=1', { scheme: 'stripe', ok: true, reason: null }, 200],
      ['/github', { scheme: 'github', ok: true, reason: null }, 200],
      ['/github', { scheme: 'github', ok: false, reason: 'mismatch' }, 401],
      ['/shopify/orders', { scheme: 'shopify', ok: true, reason: null }, 200],
      ['/elsewhere', null, 202],
    ]);
    // Each line names the route whose settings applied; the top-level settings are no route.
    expect(lines.map((line) => line.route?.path ?? null)).toEqual([
      '/stripe',
      '/github',
      '/github',
      '/shopify',
      null,
    ]);
    // The route's path is the mount: what follows it is appended to the route's forwardTo.
    expect(stripeApp.requests.map((request) => request.url)).toEqual(['/webhooks/stripe?live=1']);
    expect(githubApp.requests.map((request) => request.url)).toEqual(['/hooks']);
    expect(shopifyApp.requests.map((request) => request.url)).toEqual(['/shopify/orders']);
    expect(readdirSync(join(cwd, 'captures/github'))).toHaveLength(2);
    for (const secret of Object.values(SECRETS)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('a route limited to event types takes only those; the next route with that path takes the rest', async () => {
    const [pushApp, otherApp] = [await target('push'), await target('other')];
    const cwd = tree({
      'hooks.json': JSON.stringify({
        listen: {
          routes: [
            { path: '/github', events: ['push'], forwardTo: pushApp.url },
            { path: '/github', forwardTo: otherApp.url },
          ],
        },
      }),
    });
    const listener = await startListen(['--config', 'hooks.json', '--max-events', '2', '--json'], { cwd });
    expect(listener.deps.stderr.text()).not.toContain('config:');
    const push = await sendJson(`${listener.url}/github`, { ref: 'main' }, { 'X-GitHub-Event': 'push' });
    const issues = await sendJson(
      `${listener.url}/github`,
      { action: 'opened' },
      { 'X-GitHub-Event': 'issues' },
    );
    expect([push.body.toString(), issues.body.toString()]).toEqual(['push', 'other']);
    const result = await listener.done;
    expect(result.code).toBe(0);
    expect(parseLines(result.stdout).map((line) => line.route)).toEqual([
      { path: '/github', events: ['push'] },
      { path: '/github', events: null },
    ]);
  });
});

describe('listen --print-config', () => {
  const config = JSON.stringify(
    {
      listen: {
        port: 5000,
        maxBody: '2mb',
        verify: 'github',
        secretEnv: 'GITHUB_WEBHOOK_SECRET',
        routes: [
          { path: '/stripe', verify: 'stripe', secretEnv: 'STRIPE_WEBHOOK_SECRET', respond: [500, 200] },
        ],
      },
    },
    null,
    2,
  );

  it('prints the effective settings with every secret masked, and starts nothing', async () => {
    const cwd = tree({ 'webhook-cli.json': config });
    const result = await runCli(['listen', '--print-config'], { cwd, env: SECRETS });
    expect(result.stderr).toBe('config: ./webhook-cli.json\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      config: 'webhook-cli.json',
      listen: {
        port: 5000,
        host: '127.0.0.1',
        maxBody: '2.0 MB',
        maxConnections: 256,
        maxDecoding: '64.0 MB',
        forwardTimeout: '30s',
        forwardMaxResponse: '10.0 MB',
        verify: 'github',
        secrets: ['********'],
        status: 200,
        routes: [{ path: '/stripe', verify: 'stripe', secrets: ['********'], respond: [500, 200] }],
      },
    });
    for (const secret of Object.values(SECRETS)) expect(result.stdout).not.toContain(secret);
  });

  it('flags override the file: a flag its key, --verify all its signature keys, --status its respond', async () => {
    const cwd = tree({ 'webhook-cli.json': config });
    const result = await runCli(
      [
        'listen',
        '--print-config',
        '-p',
        '0',
        '--verify',
        'slack',
        '--secret',
        'cli-secret-value',
        '--status',
        '204',
      ],
      { cwd, env: {} },
    );
    expect(result.code).toBe(2);
    // The route still needs its own variable: the flags replace only the top-level settings.
    expect(result.stderr).toBe(
      'config: ./webhook-cli.json\nwebhook-cli: webhook-cli.json:11:22: routes[0] (/stripe): secretEnv: the environment variable STRIPE_WEBHOOK_SECRET is not set (export STRIPE_WEBHOOK_SECRET=... first)\n',
    );
    const ok = await runCli(
      [
        'listen',
        '--print-config',
        '-p',
        '0',
        '--verify',
        'slack',
        '--secret',
        'cli-secret-value',
        '--status',
        '204',
      ],
      { cwd, env: { STRIPE_WEBHOOK_SECRET: SECRETS.STRIPE_WEBHOOK_SECRET } },
    );
    expect(ok.code).toBe(0);
    const shown = JSON.parse(ok.stdout).listen;
    expect(shown).toMatchObject({
      port: 0,
      maxBody: '2.0 MB',
      verify: 'slack',
      secrets: ['********'],
      status: 204,
    });
    expect(ok.stdout).not.toContain('cli-secret-value');
  });

  it('--no-config reads no file, not even a broken one in the working directory', async () => {
    const cwd = tree({ 'webhook-cli.yaml': 'listen: [' });
    const result = await runCli(['listen', '--no-config', '--print-config'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ config: null, listen: { port: 9876, routes: [] } });
  });
});

describe('a bad config file is refused at start (exact messages)', () => {
  const run = async (
    files: Record<string, string>,
    args: string[] = [],
    env: Record<string, string> = {},
  ) => {
    const cwd = tree(files);
    const result = await runCli(['listen', '-p', '0', ...args], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    return result.stderr.replace(/^config: .*\n/, '');
  };

  it('an unknown key in a route, in JSON: line:column of the key and the route named', async () => {
    const text = JSON.stringify(
      { listen: { routes: [{ path: '/stripe' }, { path: '/github', forwardto: 'x' }] } },
      null,
      2,
    );
    expect(await run({ 'webhook-cli.json': text })).toBe(
      'webhook-cli: webhook-cli.json:9:9: routes[1] (/github): forwardto: unknown key (docs/config.md lists every key)\n',
    );
  });

  it('an unknown provider, in YAML', async () => {
    const text =
      'listen:\n  routes:\n    - path: /stripe\n    - path: /github\n      verify: githib\n      secretEnv: GH\n';
    expect(await run({ 'webhook-cli.yaml': text }, [], { GH: 'x' })).toBe(
      "webhook-cli: webhook-cli.yaml:5:15: routes[1] (/github): verify: unknown signature scheme 'githib' ('webhook-cli providers' lists them all)\n",
    );
  });

  it('a secret written into the file instead of the name of its variable', async () => {
    const text =
      'listen:\n  routes:\n    - path: /stripe\n      verify: stripe\n      secretEnv: whsec_abc+def=\n';
    expect(await run({ 'webhook-cli.yaml': text })).toBe(
      'webhook-cli: webhook-cli.yaml:5:18: routes[0] (/stripe): secretEnv: must be the name of an environment variable (the secret itself never goes in the file) (docs/config.md lists every key)\n',
    );
  });

  it('a wrong type, a bad value, a value only the parser can judge, and several problems at once', async () => {
    expect(await run({ 'webhook-cli.yaml': 'listen:\n  routes:\n    - path: stripe\n' })).toBe(
      'webhook-cli: webhook-cli.yaml:3:13: routes[0] (stripe): path: must start with / (docs/config.md lists every key)\n',
    );
    expect(await run({ 'webhook-cli.yaml': 'listen:\n  maxConnections: lots\n  port: [1]\n' })).toBe(
      'webhook-cli: webhook-cli.yaml:2:19: listen.maxConnections: must be integer (docs/config.md lists every key; 1 more problem after this one)\n',
    );
    expect(await run({ 'webhook-cli.yaml': 'listen:\n  maxBody: 1xb\n' })).toBe(
      "webhook-cli: webhook-cli.yaml:2:12: listen.maxBody: '1xb' is not a size (use a number with a unit: 512kb, 1mb)\n",
    );
    expect(
      await run({
        'webhook-cli.yaml':
          'listen:\n  routes:\n    - path: /a\n      forwardTo: http://127.0.0.1:1/\n      status: 500\n',
      }),
    ).toBe(
      "webhook-cli: webhook-cli.yaml:5:15: routes[0] (/a): status cannot be used with forwardTo (when forwarding, the sender gets the app's own response)\n",
    );
  });

  it('JSON and YAML that do not parse', async () => {
    expect(await run({ 'webhook-cli.json': '{\n  "listen": {\n    "port": 1,\n  }\n}\n' })).toBe(
      'webhook-cli: webhook-cli.json:3:14: not valid JSON: trailing comma\n',
    );
    expect(await run({ 'webhook-cli.yaml': 'listen:\n  routes:\n    - path: /a\n   bad: [\n' })).toMatch(
      /^webhook-cli: webhook-cli\.yaml:4:\d+: not valid YAML: .+\n$/,
    );
  });

  it('a route’s secretEnv that is not set', async () => {
    const text =
      'listen:\n  routes:\n    - path: /github\n      verify: github\n      secretEnv: GITHUB_WEBHOOK_SECRET\n';
    expect(await run({ 'webhook-cli.yaml': text })).toBe(
      'webhook-cli: webhook-cli.yaml:5:18: routes[0] (/github): secretEnv: the environment variable GITHUB_WEBHOOK_SECRET is not set (export GITHUB_WEBHOOK_SECRET=... first)\n',
    );
  });

  it('two config files in the working directory, a --config that does not exist, --path with routes', async () => {
    expect(await run({ 'webhook-cli.json': '{}', 'webhook-cli.yaml': '{}' })).toBe(
      'webhook-cli: webhook-cli.json and webhook-cli.yaml are both in the working directory (keep one, or choose with --config <file> (or --no-config))\n',
    );
    expect(await run({}, ['--config', 'nope.yaml'])).toMatch(
      /^webhook-cli: --config: nope\.yaml: cannot read: .+\n$/,
    );
    expect(await run({}, ['--config', 'hooks.toml'])).toBe(
      "webhook-cli: --config: 'hooks.toml' must end in .json, .yaml or .yml\n",
    );
    expect(await run({ 'webhook-cli.yaml': 'listen:\n  routes:\n    - path: /a\n' }, ['--path', '/x'])).toBe(
      'webhook-cli: --path cannot be used with the routes of webhook-cli.yaml (each route has its own path)\n',
    );
  });
});
