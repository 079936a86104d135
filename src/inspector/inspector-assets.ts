import { readdir, readFile } from 'node:fs/promises';
import { CliError } from '../errors.js';

export interface InspectorAsset {
  contentType: string;
  body: Buffer;
}

/** A file the inspector serves, and the URL path it answers at. */
export interface InspectorFile {
  path: string;
  file: URL;
  contentType: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** Where the page lives, from both src/inspector/*.ts (tests) and dist/inspector/*.js (the package). */
export const defaultAssetsDir = new URL('../../assets/inspector/', import.meta.url);

/** The page's ES modules, as tsc builds them from src/inspector-page/ (`npm run build`). */
export const defaultPageModulesDir = new URL('../../dist/inspector-page/', import.meta.url);

function missingPage(file: URL, cause: unknown): CliError {
  return new CliError(`the inspector's page is missing (${file.pathname})`, {
    hint: 'reinstall webhook-cli (in a clone of its repository: npm run build)',
    cause,
  });
}

/**
 * URL path → file: index.html and style.css from `assetsDir`, and each module tsc wrote to
 * `modulesDir` at `/<name>.js`. The list is made once, at start, from names only: no request
 * path ever reaches the file system.
 */
export async function listInspectorFiles(
  assetsDir: URL = defaultAssetsDir,
  modulesDir: URL = defaultPageModulesDir,
): Promise<InspectorFile[]> {
  const files: InspectorFile[] = [
    { path: '/', file: new URL('index.html', assetsDir), contentType: 'text/html; charset=utf-8' },
    { path: '/style.css', file: new URL('style.css', assetsDir), contentType: 'text/css; charset=utf-8' },
  ];
  let names: string[];
  try {
    names = await readdir(modulesDir);
  } catch (error) {
    throw missingPage(new URL('app.js', modulesDir), error);
  }
  for (const name of names.filter((name) => /^[a-z][a-z0-9-]*\.js$/.test(name)).sort()) {
    files.push({ path: `/${name}`, file: new URL(name, modulesDir), contentType: JAVASCRIPT });
  }
  return files;
}

export async function loadInspectorAssets(
  assetsDir: URL = defaultAssetsDir,
  modulesDir: URL = defaultPageModulesDir,
): Promise<Map<string, InspectorAsset>> {
  const assets = new Map<string, InspectorAsset>();
  const files = await listInspectorFiles(assetsDir, modulesDir);
  // The entry module is named in index.html: without it the page would be blank.
  if (!files.some((file) => file.path === '/app.js')) {
    throw missingPage(new URL('app.js', modulesDir), undefined);
  }
  for (const { path, file, contentType } of files) {
    try {
      assets.set(path, { contentType, body: await readFile(file) });
    } catch (error) {
      throw missingPage(file, error);
    }
  }
  return assets;
}
