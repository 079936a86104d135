import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('docs/api.md shows each included file exactly as the suite runs it', async () => {
  const page = await readFile(`${root}docs/api.md`, 'utf8');
  const includes = [...page.matchAll(/<!-- include: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)];
  expect(includes.map((match) => match[1])).toEqual([
    'test/api/readme-example.test.ts',
    'test/api/ci-recipe.sh',
  ]);
  for (const [, file, shown] of includes) {
    expect(shown, file).toBe(await readFile(`${root}${file}`, 'utf8'));
  }
});
