import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time of the files below `dir` (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return 0;
  }
  for (const entry of entries) latest = Math.max(latest, statSync(join(dir, entry)).mtimeMs);
  return latest;
}

/**
 * Some suites run the built CLI as a process (its capture writer thread exists only there). They
 * must never skip because nothing was built: build here when dist/ (or the inspector page in it) is
 * missing or older than src/.
 */
export default function setup(): void {
  const built = existsSync(join(root, 'dist/inspector-page/app.js'));
  if (built && newest(join(root, 'dist')) >= newest(join(root, 'src'))) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  for (const project of ['tsconfig.build.json', 'src/inspector-page/tsconfig.build.json']) {
    execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit' });
  }
}
