import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('layering (issue #13)', () => {
  it('nothing under src/ but main.ts and src/cli/ imports src/cli/ (types included)', () => {
    const offenders = files(src)
      .map((file) => relative(src, file))
      .filter((file) => file !== 'main.ts' && !file.startsWith('cli/'))
      .filter((file) => /from '(\.\.\/)+cli\//.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
