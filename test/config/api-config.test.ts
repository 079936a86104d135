import { sign as signGithub } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/index.js';
import { tempTree } from '../helpers/temp-tree.js';
import { sendJson } from '../listen/listen-helpers.js';

const tree = tempTree('webhook-cli-api-config-');

describe('listen({ config })', () => {
  it("reads the named file's routes; the options given win over its top-level settings", async () => {
    const cwd = tree({
      'hooks.yaml': `listen:
  port: 1
  status: 202
  routes:
    - path: /github
      verify: github
      secretEnv: GH_SECRET
      status: 201
`,
    });
    await using hook = await listen({
      config: 'hooks.yaml',
      cwd,
      env: { GH_SECRET: 'api-secret' },
      port: 0,
      status: 203,
    });
    const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
    const github = await sendJson(`${hook.url}/github`, body, {
      'X-GitHub-Event': 'ping',
      'X-Hub-Signature-256': await signGithub('api-secret', body),
    });
    const other = await sendJson(`${hook.url}/other`, body);
    expect([github.status, other.status]).toEqual([201, 203]);
    const first = await hook.next();
    expect([first.path, first.signature?.ok]).toEqual(['/github', true]);
    const second = await hook.next();
    expect([second.path, second.signature]).toEqual(['/other', null]);
  });

  it('a bad file is an error naming line:column and the route', async () => {
    const cwd = tree({ 'hooks.json': '{"listen": {"routes": [{"path": "/a", "respond": [700]}]}}' });
    await expect(listen({ config: 'hooks.json', cwd, port: 0 })).rejects.toThrow(
      'hooks.json:1:51: routes[0] (/a): respond[0]: must be <= 599',
    );
  });
});
