import { readFile } from 'node:fs/promises';
import { CliError } from '../errors.js';

export interface InspectorAsset {
  contentType: string;
  body: Buffer;
}

/** URL path → file in assets/inspector/. A fixed list: nothing else on disk can be served. */
const FILES: Record<string, [file: string, contentType: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
};

/** Where the page lives, from both src/inspector/*.ts (tests) and dist/inspector/*.js (the package). */
export const defaultAssetsDir = new URL('../../assets/inspector/', import.meta.url);

export async function loadInspectorAssets(dir: URL = defaultAssetsDir): Promise<Map<string, InspectorAsset>> {
  const assets = new Map<string, InspectorAsset>();
  for (const [path, [file, contentType]] of Object.entries(FILES)) {
    try {
      assets.set(path, { contentType, body: await readFile(new URL(file, dir)) });
    } catch (error) {
      throw new CliError(`the inspector's page is missing (${new URL(file, dir).pathname})`, {
        hint: 'reinstall webhook-cli',
        cause: error,
      });
    }
  }
  return assets;
}
