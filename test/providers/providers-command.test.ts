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
