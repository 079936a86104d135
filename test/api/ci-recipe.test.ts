import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { run } from '../helpers/run-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recipe = join(root, 'test/api/ci-recipe.sh');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ci-recipe-'));
  // `webhook-cli` on the PATH, as `npm install -g` or node_modules/.bin would put it.
  await mkdir(join(dir, 'bin'));
  const shim = join(dir, 'bin', 'webhook-cli');
  await writeFile(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/webhook-cli.js')}" "$@"\n`);
  await chmod(shim, 0o755);
  await mkdir(join(dir, 'payloads'));
  await writeFile(join(dir, 'payloads', 'a.json'), '{"action":"opened"}');
  await writeFile(join(dir, 'payloads', 'b.json'), '{"action":"closed"}');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runRecipe(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run('bash', [recipe], {
    cwd: dir,
    env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}`, ...env },
  });
}

it('the CI recipe in docs/api.md starts a listener, waits for --ready-file, sends and checks', async () => {
  const result = await runRecipe({ WEBHOOK_SECRET: 'ci-secret', SENDER_SECRET: 'ci-secret' });
  expect(result.stderr).toContain('delivered 2 of 2');
  expect(result.stdout.split('\n').slice(-3)).toEqual([
    expect.stringMatching(/^✔ payloads\/b.json → 200 OK/),
    '2 deliveries, signatures valid',
    '',
  ]);
  expect(result.code).toBe(0);
}, 30_000);

it('fails the job when the sender signs with the wrong secret', async () => {
  const result = await runRecipe({ WEBHOOK_SECRET: 'ci-secret', SENDER_SECRET: 'wrong' });
  // The sender was answered 200 (no --reject-invalid), but listen exits 1: the job fails at `wait`.
  expect(result.stderr).toMatch(/delivered 2 of 2/);
  expect(result.stdout).not.toContain('signatures valid');
  expect(result.code).toBe(1);
}, 30_000);
