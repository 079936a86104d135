import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * Every module `main.ts` loads before any command runs: the static `import ... from` graph (type-only
 * imports are erased; `await import()` is how commands load their work lazily, and is not followed).
 */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
      const [, typeOnly, specifier] = match as unknown as [string, string | undefined, string];
      if (typeOnly) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(specifier.split('/')[0] as string);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('start-up cost', () => {
  it('--version and --help load no heavy package: ajv, undici and the schemas come with their command', () => {
    const { files, packages } = staticGraph(join(src, 'main.ts'));
    expect([...packages].sort()).toEqual(['commander']);
    // Even the commands' declarations load only with their command (or the help that lists them),
    // so neither they nor the provider registry they read are in main's static graph.
    expect([...files].some((file) => file.endsWith('cli/listen.ts'))).toBe(false);
    expect([...files].some((file) => file.includes('/providers/'))).toBe(false);
    expect([...files].some((file) => file.includes('/listen/run-listen.ts'))).toBe(false);
    expect([...files].some((file) => file.includes('/send/run-send.ts'))).toBe(false);
  });
});
