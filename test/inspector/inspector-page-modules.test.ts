// The page is ES modules that tsc builds from src/inspector-page/ into dist/inspector-page/: the
// inspector serves each one the page imports, nothing but those modules, and the package ships them.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { listInspectorFiles, loadInspectorAssets } from '../../src/inspector/inspector-assets.js';
import { type Inspector, startInspector } from '../../src/inspector/start-inspector.js';
import { tempTree } from '../helpers/temp-tree.js';
import { rawRequest } from './inspector-fixtures.js';

const root = new URL('../../', import.meta.url);
const tree = tempTree('inspector-page-');

const open: Inspector[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((inspector) => inspector.close()));
});

/** The module specifiers of `import '…'`, `import … from '…'` and `export … from '…'`. */
function importsOf(source: string): string[] {
  const statement =
    /^\s*import\s*['"]([^'"]+)['"]|^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm;
  return [...source.matchAll(statement)].map((match) => (match[1] ?? match[2])!);
}

describe('the page modules', () => {
  it('serves app.js and every module it imports, as JavaScript under the strict policy', async () => {
    const inspector = await startInspector({
      host: '127.0.0.1',
      port: 0,
      historyLimit: 10,
      replay: async () => ({ ok: true, status: 200, attempts: 1, ms: 1 }),
    });
    open.push(inspector);
    const seen = new Set<string>();
    const queue = ['app.js'];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const response = await rawRequest(`${inspector.url}${name}`);
      expect([name, response.status, response.headers['content-type']]).toEqual([
        name,
        200,
        'text/javascript; charset=utf-8',
      ]);
      expect(response.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'; /);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      // Payloads reach the DOM as text only.
      expect(response.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
      for (const specifier of importsOf(response.body)) {
        // Only sibling modules: no Node code, no package, nothing from another origin.
        expect(`${name} imports ${specifier}`).toMatch(/ imports \.\/[a-z][a-z0-9-]*\.js$/);
        queue.push(specifier.slice(2));
      }
    }
    // The page is split by concern; each of these is reached from the entry module.
    for (const module of [
      'filters.js',
      'marks.js',
      'json-tree.js',
      'diff-view.js',
      'replay-view.js',
      'format.js',
    ]) {
      expect(seen).toContain(module);
    }
    // Type-only modules leave no import behind.
    expect(seen).not.toContain('api-types.js');
  });

  it('is built from every source file of src/inspector-page/, each served', async () => {
    const sources = (await readdir(new URL('src/inspector-page/', root))).filter((name) =>
      name.endsWith('.ts'),
    );
    const served = (await listInspectorFiles()).map((file) => file.path);
    expect(served.slice(0, 2)).toEqual(['/', '/style.css']);
    expect(sources.length).toBeGreaterThan(10);
    expect(
      sources.map((name) => `/${name.replace(/\.ts$/, '.js')}`).filter((path) => !served.includes(path)),
    ).toEqual([]);
  });

  it('serves only the names tsc writes: nothing else in that folder, nothing outside it', async () => {
    const modules = pathToFileURL(
      `${tree({
        'app.js': 'export {};',
        'other-module.js': 'export {};',
        'notes.txt': 'not served',
        'app.js.map': '{}',
        'Upper.js': 'export {};',
        '.hidden.js': 'export {};',
      })}/`,
    );
    const assets = await loadInspectorAssets(undefined, modules);
    expect([...assets.keys()]).toEqual(['/', '/style.css', '/app.js', '/other-module.js']);
  });

  it('says the page is missing when it was not built', async () => {
    const empty = pathToFileURL(`${tree({ 'readme.txt': 'nothing built' })}/`);
    const missing = pathToFileURL(`${fileURLToPath(empty)}not-there/`);
    for (const modules of [empty, missing]) {
      const failure = await loadInspectorAssets(undefined, modules).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CliError);
      expect((failure as CliError).message).toBe(
        `the inspector's page is missing (${new URL('app.js', modules).pathname})`,
      );
      expect((failure as CliError).hint).toBe(
        'reinstall webhook-cli (in a clone of its repository: npm run build)',
      );
    }
  });
});

describe('the package', () => {
  it('ships every file the inspector serves', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: fileURLToPath(root),
    });
    const packed = new Set(
      (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path),
    );
    const served = (await listInspectorFiles()).map((file) =>
      fileURLToPath(file.file).slice(fileURLToPath(root).length),
    );
    expect(served).toContain('dist/inspector-page/app.js');
    expect(served.filter((path) => !packed.has(path))).toEqual([]);
  });
});
