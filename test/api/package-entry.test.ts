import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it("plain Node resolves import('webhook-cli') through the exports map to the built ESM entry", async () => {
  // A separate Node process, not vitest's resolver: what a user's own script gets.
  const script = `
    const api = await import('webhook-cli');
    const hook = await api.listen({ port: 0 });
    const response = await fetch(hook.url, { method: 'POST', body: '{"type":"ping"}' });
    const delivery = await hook.next();
    await hook.close();
    console.log(JSON.stringify({ names: Object.keys(api).sort(), status: response.status, path: delivery.path }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
  });
  const result = JSON.parse(stdout);
  expect(result.names).toEqual(expect.arrayContaining(['listen', 'send', 'sign', 'validate', 'verify']));
  expect(result).toMatchObject({ status: 200, path: '/' });
});

it('package.json names the entry and its types, and the build writes both', async () => {
  const manifest = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  expect(manifest.exports['.']).toEqual({
    types: './dist/index.d.ts',
    import: './dist/index.js',
    default: './dist/index.js',
  });
  expect(manifest.scripts.prepare).toBe('npm run build');
  const types = await readFile(`${root}dist/index.d.ts`, 'utf8');
  for (const name of ['listen', 'send', 'sign', 'validate', 'verify']) expect(types).toContain(name);
});
