import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProviders } from '../../src/providers/registry.js';
import type { ProviderDescription } from '../../src/providers/types.js';
import { isAsymmetric } from '../../src/signatures/engine-parts.js';
import { parseTemplate } from '../../src/signatures/signed-content.js';
import { runCli } from '../helpers/run-cli.js';

const NOW = 1_767_225_600;
const URL_CALLED = 'https://example.com/webhooks/test';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'every-provider-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A JSON body with whatever the provider reads from it (a timestamp inside the body). */
function bodyFor(provider: ProviderDescription): string {
  const body: Record<string, unknown> = { type: 'test.event', id: 'evt_test', data: { n: 1 } };
  const where = provider.signature.timestamp?.in;
  if (where && typeof where === 'object' && 'json' in where) {
    body[where.json] = provider.signature.timestamp?.unit === 'unix-ms' ? NOW * 1000 : NOW;
  }
  return JSON.stringify(body);
}

/** The flags `sign` needs beyond the scheme: key, URL, params, headers the template signs. */
async function keyFlags(provider: ProviderDescription): Promise<{ sign: string[]; verify: string[] }> {
  const { signature } = provider;
  const common: string[] = [];
  if (
    parseTemplate(signature.signed).some((part) => 'placeholder' in part && part.placeholder === 'url') ||
    signature.jwt?.urlClaim
  ) {
    common.push('--url', URL_CALLED);
  }
  for (const name of Object.keys(signature.params ?? {})) common.push('--param', `${name}=test-${name}`);
  for (const part of parseTemplate(signature.signed)) {
    if ('placeholder' in part && part.placeholder === 'header')
      common.push('-H', `${part.argument}: test-value`);
  }
  if (!isAsymmetric(signature.algorithm)) {
    const secret = ['--secret', signature.secret?.example ?? 's3cret'];
    return {
      sign: [...secret, ...common],
      verify: [...secret, ...common.filter((flag) => flag !== '-H' && !flag.includes(': test-value'))],
    };
  }
  const pair =
    signature.algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : signature.algorithm === 'ecdsa-p256-sha256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateFile = join(dir, `${provider.id}.key.pem`);
  const publicFile = join(dir, `${provider.id}.pub.pem`);
  await writeFile(privateFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  await writeFile(publicFile, pair.publicKey.export({ format: 'pem', type: 'spki' }) as string);
  return {
    sign: ['--private-key', privateFile, ...common],
    verify: [
      '--public-key',
      publicFile,
      ...common.filter((flag) => flag !== '-H' && !flag.includes(': test-value')),
    ],
  };
}

const signable = listProviders().filter((provider) => provider.signature.format.kind !== 'json');

describe.each(signable.map((provider) => [provider.id, provider] as const))(
  'webhook-cli sign → verify --scheme %s, through main()',
  (id, provider) => {
    it('verifies what it signed, and rejects a changed body', async () => {
      const file = join(dir, `${id}.json`);
      const body = bodyFor(provider);
      await writeFile(file, body);
      const flags = await keyFlags(provider);
      const signed = await runCli(
        ['sign', file, '--scheme', id, '--timestamp', String(NOW), '--json', ...flags.sign],
        {
          cwd: dir,
        },
      );
      expect(signed.stderr).toBe('');
      expect(signed.code).toBe(0);
      const headers = Object.entries(JSON.parse(signed.stdout) as Record<string, string>).flatMap(
        ([name, value]) => ['-H', `${name}: ${value}`],
      );
      const verify = (path: string) =>
        runCli(['verify', path, '--scheme', id, '--now', String(NOW), ...headers, ...flags.verify], {
          cwd: dir,
        });
      expect(await verify(file)).toMatchObject({ code: 0, stdout: `✔ valid ${id} signature\n`, stderr: '' });
      if (provider.signature.algorithm !== 'token') {
        const changed = join(dir, `${id}.changed.json`);
        await writeFile(changed, body.replace('"n":1', '"n":2'));
        const result = await verify(changed);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^✘ mismatch: /);
      }
    });
  },
);

describe('verify --scheme auto', () => {
  it('checks a delivery as the provider its headers name', async () => {
    const file = join(dir, 'auto.json');
    await writeFile(file, '{"zen":"Design for failure."}');
    const signed = await runCli(['sign', file, '--scheme', 'github', '--secret', 's3cret'], { cwd: dir });
    const header = signed.stdout.trim();
    const ok = await runCli(
      ['verify', file, '--scheme', 'auto', '--secret', 's3cret', '-H', header, '-H', 'X-GitHub-Event: ping'],
      {
        cwd: dir,
      },
    );
    expect(ok).toMatchObject({ code: 0, stdout: '✔ valid github signature\n' });
    const none = await runCli(
      ['verify', file, '--scheme', 'auto', '--secret', 's3cret', '-H', 'X-Other: 1'],
      { cwd: dir },
    );
    expect(none).toMatchObject({
      code: 1,
      stdout: "✘ no-provider: the headers match no known provider (see 'webhook-cli providers')\n",
    });
  });
});
