import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listProviders } from '../../src/providers/registry.js';
import { runCli } from '../helpers/run-cli.js';

describe('webhook-cli providers', () => {
  it('lists every provider, one line each, with what it signs', async () => {
    const result = await runCli(['providers']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(listProviders().length);
    expect(lines).toContainEqual(
      expect.stringMatching(/^github +GitHub +HMAC-SHA256 of "\{body\}" in X-Hub-Signature-256$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^stripe +Stripe +HMAC-SHA256 of "\{timestamp\}\.\{body\}" in Stripe-Signature$/),
    );
  });

  it('--json gives the descriptions as data', async () => {
    const result = await runCli(['providers', '--json']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(list.map((p) => p.id)).toEqual(listProviders().map((p) => p.id));
    expect(list.find((p) => p.id === 'slack')).toMatchObject({
      name: 'Slack',
      docs: 'https://api.slack.com/authentication/verifying-requests-from-slack',
      signature: { algorithm: 'hmac-sha256', signed: 'v0:{timestamp}:{body}', encoding: 'hex' },
      handshake: { kind: 'echo-json-field' },
    });
    expect(list.find((p) => p.id === 'github')).toMatchObject({ handshake: null });
  });
});

describe('webhook-cli providers show', () => {
  it('says what the provider sends, how it signs, where the secret is, with examples', async () => {
    const result = await runCli(['providers', 'show', 'Stripe']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Stripe (stripe)\n');
    expect(result.stdout).toContain('  Stripe-Signature: t=<timestamp>,v1=<hex>\n');
    expect(result.stdout).toContain(
      '  timestamp: in the signature header (unix-seconds), at most 300 s old, checked after the signature\n',
    );
    expect(result.stdout).toContain("Secret: the endpoint's Signing secret");
    expect(result.stdout).toContain(
      '  webhook-cli verify capture.json --scheme stripe --secret-env WEBHOOK_SECRET\n',
    );
  });

  it('--json gives one description; an unknown id is a usage error', async () => {
    const json = await runCli(['providers', 'show', 'svix', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'standard-webhooks', aliases: ['svix'] });
    const unknown = await runCli(['providers', 'show', 'nope']);
    expect(unknown).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "webhook-cli: unknown signature scheme 'nope' ('webhook-cli providers' lists them all)\n",
    });
  });
});

describe('docs/providers.md', () => {
  it('is what `npm run docs:providers` generates from the registry', async () => {
    const generated = (await runCli(['providers', '--markdown'])).stdout;
    const committed = readFileSync(new URL('../../docs/providers.md', import.meta.url), 'utf8');
    expect(committed === generated, 'docs/providers.md is stale: run npm run docs:providers').toBe(true);
  });
});
