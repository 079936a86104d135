import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { root } from '../hardening/listen-helpers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('webhook-cli-docs-config-');
const env = {
  STRIPE_WEBHOOK_SECRET: 'whsec_c3RyaXBlLXNlY3JldC1mb3ItdGVzdHM=',
  GITHUB_WEBHOOK_SECRET: 'gh',
  SHOPIFY_WEBHOOK_SECRET: 'shop',
};

describe('docs/config.md', async () => {
  const page = await readFile(`${root}docs/config.md`, 'utf8');
  const example = /```yaml\n(# webhook-cli\.yaml\n[\s\S]*?)```/.exec(page)?.[1] as string;

  it('its example file is a valid config of three routes and a target', async () => {
    const cwd = tree({ 'webhook-cli.yaml': example });
    const result = await runCli(['listen', '--print-config'], { cwd, env });
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.listen.routes.map((route: { path: string }) => route.path)).toEqual([
      '/stripe',
      '/github',
      '/shopify',
    ]);
    expect(page).toContain(
      JSON.stringify(shown.listen.routes[0], null, 2).replace(/\[\n\s+("\*+")\n\s+\]/, '[$1]'),
    );
  });

  it('shows the message a typo in it gets, as the CLI prints it', async () => {
    const cwd = tree({ 'webhook-cli.yaml': example.replace('verify: github', 'verify: githib') });
    const result = await runCli(['listen', '-p', '0'], { cwd, env });
    expect(result.code).toBe(2);
    expect(page).toContain(result.stderr);
  });
});
