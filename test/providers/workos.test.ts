import { WorkOS } from '@workos-inc/node';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

// Oracle: @workos-inc/node's webhooks.verifyHeader / computeSignature (no network: the API key
// is only read when calling the API). They take the parsed payload and sign JSON.stringify of
// it, so they can only judge a body in that form: a body JSON.stringify would write otherwise
// (such as the kit's changed body, with a trailing space) is not what WorkOS sends, and counts
// as rejected here.
const webhooks = new WorkOS('sk_test_made_up_for_tests').webhooks;
const parsedIfCanonical = (body: Buffer): Record<string, unknown> | undefined => {
  const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  return JSON.stringify(parsed) === body.toString('utf8') ? parsed : undefined;
};

const spec: ProviderSpec = {
  id: 'workos',
  body: '{"id":"event_01J8Q2M4W8K3V5X7Y9Z0A1B2C3","event":"user.created","data":{"id":"user_01E4ZCR3C56J083X43JQXF3JK5","email":"marcelina@example.com"},"created_at":"2026-01-01T00:00:00.000Z"}',
  secret: 'wk_secret_3f9a0c2b7d6e5f4a3b2c1d0e',
  wrongSecret: 'wk_secret_3f9a0c2b7d6e5f4a3b2c1d0f',
  sdkVerify: async ({ body, headers, secret }) => {
    const payload = parsedIfCanonical(body);
    if (!payload) return false;
    try {
      return await webhooks.verifyHeader({
        payload,
        sigHeader: getHeader(headers, 'WorkOS-Signature') ?? '',
        secret: secret as string,
      });
    } catch {
      return false;
    }
  },
  sdkSign: async ({ body, secret, timestamp }) => {
    const ms = timestamp * 1000;
    const signature = await webhooks.computeSignature(
      ms,
      JSON.parse(body.toString('utf8')),
      secret as string,
    );
    // The form WorkOS sends: "t=<ms>, v1=<hex>" (a space after the comma).
    return [['WorkOS-Signature', `t=${ms}, v1=${signature}`]];
  },
};
describeProvider(spec);

const workos = getProvider('workos');
const body = Buffer.from(spec.body);

it('WorkOS: a timestamp in the future passes, as in the SDK (it checks age only)', () => {
  const now = 1_767_225_600;
  const headers = signWithCli(workos, spec, body, now + 3600);
  expect(verifyWithCli(workos, spec, { body, headers, now }).ok).toBe(true);
});

it('WorkOS: a header without t= says so', () => {
  expect(
    verifyWithCli(workos, spec, { body, headers: [['WorkOS-Signature', `v1=${'a'.repeat(64)}`]], now: 0 }),
  ).toEqual({
    ok: false,
    scheme: 'workos',
    reason: 'malformed-header',
    detail: 'WorkOS-Signature has no t=<timestamp>',
  });
});
