import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProviders } from '../../src/providers/registry.js';
import type { ProviderDescription } from '../../src/providers/types.js';
import { isAsymmetric } from '../../src/signatures/engine-parts.js';
import { parseTemplate } from '../../src/signatures/signed-content.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

/**
 * Every provider of the registry, through `main()`: `trigger` sends its first sample to a real
 * local target and saves it, and `verify` accepts the saved delivery with the same secret or the
 * public key of the pair it was signed with. (Each provider's own SDK checks every sample in
 * test/providers/, through `describeProvider`.)
 */
const tree = tempTree('webhook-cli-trigger-every-');
let dir: string;
let app: HttpTarget;
beforeAll(async () => {
  dir = tree({});
  app = await startHttpTarget();
});
afterAll(() => app.close());

const SAMPLES = join(import.meta.dirname, '../../schemas/samples');

function firstEvent(provider: ProviderDescription): string {
  const [file] = readdirSync(join(SAMPLES, provider.id)).sort();
  const sample = JSON.parse(readFileSync(join(SAMPLES, provider.id, file as string), 'utf8'));
  return (sample as { event: string }).event;
}

/** The flags both commands need beyond the scheme: the secret or a key pair, and params. */
function keyFlags(provider: ProviderDescription): { trigger: string[]; verify: string[] } {
  const { signature } = provider;
  const params = Object.keys(signature.params ?? {}).flatMap((name) => ['--param', `${name}=test-${name}`]);
  if (!isAsymmetric(signature.algorithm)) {
    const secret = ['--secret', signature.secret?.example ?? 's3cret'];
    return { trigger: [...secret, ...params], verify: [...secret, ...params] };
  }
  const pair =
    signature.algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : signature.algorithm === 'ecdsa-p256-sha256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateFile = join(dir, `${provider.id}.key.pem`);
  const publicFile = join(dir, `${provider.id}.pub.pem`);
  writeFileSync(privateFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  writeFileSync(publicFile, pair.publicKey.export({ format: 'pem', type: 'spki' }) as string);
  return {
    trigger: ['--private-key', privateFile, ...params],
    verify: ['--public-key', publicFile, ...params],
  };
}

function signsUrl(provider: ProviderDescription): boolean {
  const { signature } = provider;
  return (
    parseTemplate(signature.signed).some((part) => 'placeholder' in part && part.placeholder === 'url') ||
    signature.jwt?.urlClaim !== undefined
  );
}

describe.each(listProviders().map((provider) => [provider.id, provider] as const))(
  'trigger %s, through main()',
  (id, provider) => {
    it('delivers its first sample to a real target, and verify accepts the saved delivery', async () => {
      const event = firstEvent(provider);
      const flags = keyFlags(provider);
      const save = join(dir, id);
      const to = `${app.url}/hooks/${id}`;
      const before = app.requests.length;
      const sent = await runCli(['trigger', id, event, '--to', to, '--save', save, ...flags.trigger]);
      expect(sent.stderr).toMatch(/delivered 1 of 1/);
      expect(sent.code).toBe(0);
      expect(app.requests.length).toBe(before + 1);
      const [capture] = readdirSync(save);
      const url = signsUrl(provider) ? ['--url', to] : [];
      const verified = await runCli([
        'verify',
        join(save, capture as string),
        '--scheme',
        id,
        ...flags.verify,
        ...url,
      ]);
      expect(verified.stdout).toMatch(/✔ valid/);
      expect(verified.code).toBe(0);
    });
  },
);
