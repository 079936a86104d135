import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { detectProvider } from '../../src/providers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { describeProvider } from './provider-kit.js';

// Oracle: standardwebhooks (Webhook.sign / verify), the library GitLab's own merge request uses
// to check its signing token (https://gitlab.com/gitlab-org/gitlab/-/merge_requests/230944,
// "How to set up and validate locally"): GitLab follows the Standard Webhooks scheme.
describeProvider({
  id: 'gitlab-signing',
  body: '{"object_kind":"push","event_name":"push","ref":"refs/heads/main","total_commits_count":1}',
  secret: 'whsec_bWFkZS11cC0zMi1ieXRlLWdpdGxhYi1zaWduaW5nLWs=',
  wrongSecret: 'whsec_YW5vdGhlci0zMi1ieXRlLWdpdGxhYi1zaWduaW5nLWs=',
  sdkVerify: ({ body, headers, secret }) => {
    try {
      new Webhook(secret as string).verify(body.toString('utf8'), Object.fromEntries(headers), {
        jsonParse: false,
      });
      return true;
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret, timestamp }) => {
    const id = randomUUID();
    return [
      ['X-Gitlab-Event', 'Push Hook'],
      ['webhook-id', id],
      ['webhook-timestamp', String(timestamp)],
      [
        'webhook-signature',
        new Webhook(secret as string).sign(id, new Date(timestamp * 1000), body.toString('utf8')),
      ],
    ];
  },
});

it('GitLab (gitlab-signing): a signed GitLab delivery is told apart from plain Standard Webhooks and from the token', () => {
  const signed: [string, string][] = [
    ['X-Gitlab-Event', 'Push Hook'],
    ['webhook-id', randomUUID()],
    ['webhook-timestamp', '1767225600'],
    ['webhook-signature', 'v1,x'],
  ];
  expect(detectProvider(signed)?.id).toBe('gitlab-signing');
  expect(detectProvider([...signed, ['X-Gitlab-Token', 'x']])?.id).toBe('gitlab-signing');
  expect(detectProvider(signed.slice(1))?.id).toBe('standard-webhooks');
});

it('GitLab (gitlab-signing): a triggered delivery carries one id as webhook-id and Idempotency-Key, as GitLab sends it', async () => {
  const secret = 'whsec_bWFkZS11cC0zMi1ieXRlLWdpdGxhYi1zaWduaW5nLWs=';
  const result = await runCli(
    ['trigger', 'gitlab-signing', 'Issue Hook', '--to', 'http://127.0.0.1:9/hook', '--dry-run', '--json'],
    { env: { WEBHOOK_SECRET: secret } },
  );
  expect(result.code).toBe(0);
  const headers = new Map<string, string>(JSON.parse(result.stdout.split('\n')[0] as string).headers);
  expect(headers.get('webhook-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers.get('Idempotency-Key')).toBe(headers.get('webhook-id'));
});
