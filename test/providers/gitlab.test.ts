import { describe, expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { detectProvider, getProvider } from '../../src/providers/registry.js';
import { type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// The secret token is not a signature (it covers neither the body nor a time), so the kit's
// changed-body and stale-timestamp checks do not apply; these are its remaining checks, by hand.
// The oracle is GitLab's rule on
// https://docs.gitlab.com/user/project/integrations/webhooks/#validate-payloads-by-using-a-secret-token:
// the secret token is "sent with the hook request in the X-Gitlab-Token HTTP header".
const recipe = (secret: string): [string, string][] => [['X-Gitlab-Token', secret]];

const gitlab = getProvider('gitlab');
const spec: ProviderSpec = {
  id: 'gitlab',
  body: '{"object_kind":"push","ref":"refs/heads/main"}',
  secret: 'my-gitlab-secret-token-7d3f9a',
};
const body = Buffer.from(spec.body);
const now = 1_767_225_600;

describe('GitLab (gitlab, secret token)', () => {
  it('webhook-cli sends the token as GitLab does, and the docs rule accepts it', () => {
    const headers = signWithCli(gitlab, spec, body, now);
    expect(headers).toEqual(recipe(spec.secret as string));
    expect(getHeader(headers, 'x-gitlab-token')).toBe(spec.secret);
  });

  it('a request made as the docs say is accepted', () => {
    const headers = [['X-Gitlab-Event', 'Push Hook'], ...recipe(spec.secret as string)] as [string, string][];
    expect(verifyWithCli(gitlab, spec, { body, headers, now })).toMatchObject({ ok: true, scheme: 'gitlab' });
  });

  it('another token → mismatch; a missing header → missing-header', () => {
    expect(
      verifyWithCli(gitlab, spec, { body, headers: recipe('my-gitlab-secret-token-7d3f9b'), now }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyWithCli(gitlab, spec, { body, headers: [], now })).toEqual({
      ok: false,
      scheme: 'gitlab',
      reason: 'missing-header',
      detail: 'X-Gitlab-Token header is missing',
    });
  });

  it('a delivery with the token only is GitLab (secret token)', () => {
    expect(
      detectProvider([
        ['X-Gitlab-Event', 'Push Hook'],
        ['X-Gitlab-Token', 'x'],
      ])?.id,
    ).toBe('gitlab');
  });
});
