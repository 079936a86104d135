import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../helpers/run-process.js';
import {
  docExample,
  jobEnv,
  packageVersion,
  parseYaml,
  payloadProject,
  root,
  tempDir,
  VALID_ORDER,
  writeTree,
} from './ci-fixtures.js';

// Debian's pre-commit (a Python program), installed by .ci/run.
const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const title = havePreCommit
  ? 'pre-commit hooks (.pre-commit-hooks.yaml) with the real pre-commit'
  : 'pre-commit hooks: SKIPPED, the pre-commit program (Python) is not installed (apt-get install -y pre-commit)';

// pre-commit installs a `language: node` hook with npm: the dev dependencies from the registry (the
// npm cache first), a build, `npm pack`, then `npm install -g` of the tarball: about a minute on an
// idle machine, nearer four on a loaded one.
const INSTALL_TIMEOUT = 600_000;

// pre-commit points npm's prefix at its own environment, which moves npm's global config file with
// it; keep this machine's (its registry, proxy and CA settings) for the npm it runs.
const npmGlobalConfig = havePreCommit
  ? spawnSync('npm', ['config', 'get', 'globalconfig']).stdout.toString().trim()
  : '';

const env = (home: string) =>
  jobEnv({
    npm_config_globalconfig: npmGlobalConfig,
    PRE_COMMIT_HOME: home,
    npm_config_prefer_offline: 'true',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.test',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.test',
  });

async function git(cwd: string, args: string[], home: string) {
  const result = await run('git', args, { cwd, env: env(home) });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * A one-commit repository holding this working tree as it is (tracked and untracked files, less
 * what .gitignore leaves out). pre-commit installs a hook repository by cloning it at a commit;
 * pointed at this checkout, `try-repo` would clone HEAD plus changes to tracked files only, so
 * new files not yet committed would be missing. A snapshot tests what is on disk, committed or not.
 */
async function snapshotOfThisCheckout(home: string): Promise<{ dir: string; rev: string }> {
  const dir = await tempDir('webhook-cli-snapshot-');
  const listed = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], home);
  for (const path of listed.split('\0')) {
    if (path === '' || !existsSync(join(root, path))) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await copyFile(join(root, path), join(dir, path));
  }
  await git(dir, ['init', '-q'], home);
  await git(dir, ['add', '-A'], home);
  await git(dir, ['commit', '-q', '-m', 'snapshot'], home);
  return { dir, rev: await git(dir, ['rev-parse', 'HEAD'], home) };
}

/** The docs' .pre-commit-config.yaml, pointed at the snapshot instead of the published repository. */
async function configFromDocs(hookRepo: { dir: string; rev: string }) {
  const config = parseYaml<{ repos: { repo: string; rev: string; hooks: { id: string }[] }[] }>(
    await docExample('ci.md', 'pre-commit-config'),
  );
  const [entry] = config.repos;
  expect(entry?.repo).toMatch(/\/webhook-cli$/);
  expect(entry?.rev).toBe(`v${packageVersion}`);
  expect(entry?.hooks.map((hook) => hook.id)).toEqual(['webhook-cli-validate']);
  return stringify({ repos: [{ ...entry, repo: hookRepo.dir, rev: hookRepo.rev }] });
}

describe.skipIf(!havePreCommit)(title, () => {
  let home: string;
  let hookRepo: { dir: string; rev: string };

  beforeAll(async () => {
    home = await tempDir('pre-commit-home-');
    hookRepo = await snapshotOfThisCheckout(home);
  });

  // At a lower priority: the hook's install (npm, two builds) would otherwise take CPU from the
  // timing-sensitive tests that run beside this file.
  const preCommit = (args: string[], cwd: string) =>
    run('nice', ['pre-commit', ...args], { cwd, env: env(home) });

  /** payloads/ok.json and payloads/bad.json staged on top of a first commit. */
  async function fixtureRepository(config: string): Promise<string> {
    const dir = await payloadProject({ 'README.md': '# payloads\n', '.pre-commit-config.yaml': config });
    await git(dir, ['init', '-q'], home);
    await git(dir, ['add', 'README.md', '.pre-commit-config.yaml', 'schemas'], home);
    await git(dir, ['commit', '-q', '-m', 'first'], home);
    await git(dir, ['add', 'payloads'], home);
    return dir;
  }

  it(
    'try-repo installs the hook from the repository and runs it on the staged files (without args: --schema is needed)',
    async () => {
      const dir = await fixtureRepository('repos: []\n');
      const tried = await preCommit(
        ['try-repo', '--color', 'never', hookRepo.dir, 'webhook-cli-validate', '--ref', hookRepo.rev],
        dir,
      );
      expect(tried.stdout).toMatch(/^webhook-cli validate\.+Failed$/m);
      expect(tried.stdout).toContain(
        [
          '- hook id: webhook-cli-validate',
          '- exit code: 2',
          '',
          'webhook-cli: validate needs --schema <file|directory|builtin> (e.g. --schema schemas/ or --schema github; `webhook-cli schemas` lists the builtins)',
        ].join('\n'),
      );
      expect(tried.code).toBe(1);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "the docs' config: `pre-commit run` fails on the invalid staged payload, and so does `git commit` until it is fixed",
    async () => {
      const dir = await fixtureRepository(await configFromDocs(hookRepo));
      const checked = await preCommit(['run', '--color', 'never'], dir);
      expect(checked.stdout).toMatch(/^webhook-cli validate\.+Failed$/m);
      expect(checked.stdout).toContain(
        [
          '- hook id: webhook-cli-validate',
          '- exit code: 1',
          '',
          'payloads/bad.json:3:37  must be integer  (/data/total)',
          '2 files: 1 valid, 1 invalid, 0 errors',
        ].join('\n'),
      );
      expect(checked.code).toBe(1);

      expect((await preCommit(['install'], dir)).code).toBe(0);
      const refused = await run('nice', ['git', 'commit', '-m', 'payloads'], { cwd: dir, env: env(home) });
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toContain(
        'payloads/bad.json:3:37  must be integer  (/data/total)',
      );
      expect(await git(dir, ['rev-list', '--count', 'HEAD'], home)).toBe('1');

      await writeTree(dir, { 'payloads/bad.json': VALID_ORDER.replace('ord_1', 'ord_2') });
      await git(dir, ['add', 'payloads'], home);
      const committed = await run('nice', ['git', 'commit', '-m', 'payloads'], { cwd: dir, env: env(home) });
      expect(committed.stdout + committed.stderr).toMatch(/^webhook-cli validate\.+Passed$/m);
      expect(committed.code).toBe(0);
      expect(await git(dir, ['rev-list', '--count', 'HEAD'], home)).toBe('2');
    },
    INSTALL_TIMEOUT,
  );
});

// Kept apart from the suite above so that it runs (and says so) even where pre-commit is absent.
describe('.pre-commit-hooks.yaml', () => {
  it('declares webhook-cli-validate, a node hook on JSON, JSON Lines and NDJSON files', async () => {
    const hooks = parseYaml<Record<string, unknown>[]>(
      await readFile(join(root, '.pre-commit-hooks.yaml'), 'utf8'),
    );
    expect(hooks.map((hook) => hook.id)).toEqual(['webhook-cli-validate']);
    const [hook] = hooks;
    expect(hook).toMatchObject({ entry: 'webhook-cli validate', language: 'node' });
    const files = new RegExp(hook?.files as string);
    expect(['a.json', 'b/c.jsonl', 'd.ndjson'].filter((name) => files.test(name))).toHaveLength(3);
    expect(files.test('notes.json5')).toBe(false);
  });
});
