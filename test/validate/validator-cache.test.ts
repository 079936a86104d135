import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidatorCache } from '../../src/schemas/validator-cache.js';
import { chooseThreads, cpuTimes, idleCores } from '../../src/validate/run-validate.js';
import { runCli } from '../helpers/run-cli.js';
import { run } from '../helpers/run-process.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('validator-cache-');
const bin = join(import.meta.dirname, '../../bin/webhook-cli.js');

const schema = {
  type: 'object',
  required: ['id', 'sha'],
  properties: {
    id: { type: 'integer' },
    // Catastrophic for a backtracking engine: a cached validator must still run it on RE2.
    sha: { type: 'string', pattern: '^(a+)+$' },
    at: { type: 'string', format: 'date-time' },
  },
};

/** A payload directory, a schema and an empty cache directory (not yet created). */
function setup() {
  const root = tree({
    'schema.json': JSON.stringify(schema),
    'payloads/good.json': JSON.stringify({ id: 1, sha: 'aaaa', at: '2026-01-01T00:00:00Z' }),
    'payloads/bad.json': `{\n  "id": "x",\n  "sha": "${'a'.repeat(40)}!",\n  "at": "yesterday"\n}\n`,
  });
  return { root, cache: join(root, 'cache') };
}

const args = (cache: string, ...more: string[]) => [
  'validate',
  'payloads',
  '--schema',
  'schema.json',
  '--cache-dir',
  cache,
  '--verbose',
  ...more,
];

function entries(cache: string): string[] {
  const dir = join(cache, 'validators');
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}

/** `validate <inputs> --schema github|github-community --event issues` with the cache. */
const runGithub = (root: string, builtin: string, cache: string, ...inputs: string[]) =>
  runCli(
    ['validate', ...inputs, '--schema', builtin, '--event', 'issues', '--cache-dir', cache, '--verbose'],
    {
      cwd: root,
    },
  );

const expectedReport = [
  'payloads/bad.json:2:9  must be integer  (/id)',
  'payloads/bad.json:3:10  must match pattern "^(a+)+$"  (/sha)',
  'payloads/bad.json:4:9  must match format "date-time"  (/at)',
];

describe('validate: the validator cache', () => {
  it('compiles a schema once: the next run loads its validators from the cache, with the same report', async () => {
    const { root, cache } = setup();
    const first = await runCli(args(cache), { cwd: root });
    expect(first.code).toBe(1);
    for (const line of expectedReport) expect(first.stdout).toContain(line);
    // The first-error validator, the all-errors one (for bad.json), and the meta-schema check.
    expect(first.stderr).toContain(`validator cache ${cache}: 0 loaded, 2 compiled\n`);
    const second = await runCli(args(cache), { cwd: root });
    expect(second.stderr).toContain(`validator cache ${cache}: 2 loaded, 0 compiled\n`);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
  });

  it('keeps the validators of the github builtins too', async () => {
    const payload = readFileSync(join(import.meta.dirname, '../fixtures/validate/github-issues-opened.json'));
    const root = tree({ 'issue.json': payload });
    const cache = join(root, 'cache');
    for (const builtin of ['github', 'github-community']) {
      const run = () => runGithub(root, builtin, cache, 'issue.json');
      const first = await run();
      expect(first.stderr).toContain(`validator cache ${cache}: 0 loaded, 1 compiled\n`);
      const second = await run();
      expect(second.stderr).toContain(`validator cache ${cache}: 1 loaded, 0 compiled\n`);
      expect(second.stdout).toBe(first.stdout);
      expect(second.code).toBe(first.code);
    }
  });

  it('keeps the validators of a draft in one entry, which later runs add to', async () => {
    // One module for all of GitHub's webhooks that a run needs: separate modules repeated the
    // subschemas they share, and ran several times slower than compiled ones (see AjvPool.saveCache).
    const opened = JSON.parse(
      readFileSync(join(import.meta.dirname, '../fixtures/validate/github-issues-opened.json'), 'utf8'),
    );
    const root = tree({
      'opened/issue.json': JSON.stringify(opened),
      'labeled/issue.json': JSON.stringify({ ...opened, action: 'labeled', label: opened.issue.labels[0] }),
    });
    const cache = join(root, 'cache');
    for (const builtin of ['github', 'github-community']) {
      const run = (...inputs: string[]) => runGithub(root, builtin, cache, ...inputs);
      const before = entries(cache).length;
      const first = await run('opened');
      expect(first.stderr).toContain(': 0 loaded, 1 compiled\n');
      // The meta-schema check and the module of first-error validators (and github's event index).
      const written = builtin === 'github' ? 3 : 2;
      expect(entries(cache).length - before).toBe(written);
      const second = await run('labeled');
      expect(second.stderr).toContain(': 0 loaded, 1 compiled\n');
      expect(entries(cache).length - before).toBe(written);
      const both = await run('opened', 'labeled');
      expect(both.stderr).toContain(': 2 loaded, 0 compiled\n');
      expect(both.stdout).toContain('2 files: 2 valid, 0 invalid, 0 errors');
      expect(both.code).toBe(0);
    }
  });

  it('never keeps a validator that depends on a file no --schema named (a sibling $ref)', async () => {
    const root = tree({
      'schema.json': JSON.stringify({ $ref: 'defs/id.json' }),
      'defs/id.json': JSON.stringify({ type: 'object', required: ['id'] }),
      'payloads/good.json': JSON.stringify({ id: 1 }),
    });
    const cache = join(root, 'cache');
    const first = await runCli(args(cache), { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(': 0 loaded, 1 compiled\n');
    // The sibling changes: a cached validator would still hold the old one.
    writeFileSync(join(root, 'defs/id.json'), JSON.stringify({ type: 'object', required: ['name'] }));
    const second = await runCli(args(cache), { cwd: root });
    expect(second.stderr).toContain(': 0 loaded, 2 compiled\n');
    expect(second.stdout).toContain('payloads/good.json:1:1  must have required property "name"\n');
    expect(second.code).toBe(1);
  });

  it('keeps its directory 0700 and its entries 0600', async () => {
    const { root, cache } = setup();
    await runCli(args(cache), { cwd: root });
    expect(statSync(join(cache, 'validators')).mode & 0o777).toBe(0o700);
    const files = entries(cache);
    expect(files.length).toBe(3);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('removes entries no run has loaded for 30 days when it writes one, and keeps what it loads', async () => {
    const { root, cache } = setup();
    expect((await runCli(args(cache), { cwd: root })).code).toBe(1);
    const [loadedEntry] = entries(cache);
    if (!loadedEntry) throw new Error('the first run wrote no entry');
    const dir = join(cache, 'validators');
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    const unused = join(dir, `${'a'.repeat(64)}.js`);
    const leftTemporary = join(dir, `${'b'.repeat(64)}.js.4242.0123456789ab.tmp`);
    const notOurs = join(dir, 'notes.txt');
    for (const file of [unused, leftTemporary, notOurs]) {
      writeFileSync(file, 'x', { mode: 0o600 });
      utimesSync(file, daysAgo(40), daysAgo(40));
    }
    // Loaded 40 days after it was written: the load marks it used again.
    utimesSync(loadedEntry, daysAgo(40), daysAgo(40));
    const loading = await runCli(args(cache), { cwd: root });
    expect(loading.stderr).toContain(': 2 loaded, 0 compiled\n');
    expect(Date.now() - statSync(loadedEntry).mtimeMs).toBeLessThan(60 * 60 * 1000);
    // A run that writes an entry (another schema set) removes the unused one and the left
    // temporary file, and leaves the entry in use and any file the cache did not write.
    writeFileSync(join(root, 'other.schema.json'), JSON.stringify({ type: 'object' }));
    const writing = await runCli(
      ['validate', 'payloads', '--schema', 'other.schema.json', '--cache-dir', cache],
      { cwd: root },
    );
    expect(writing.code).toBe(0);
    expect(existsSync(unused)).toBe(false);
    expect(existsSync(leftTemporary)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(existsSync(loadedEntry)).toBe(true);
  });

  it("keeps V8's code cache of the validators a run loaded, and uses it only for the same code", async () => {
    const { root, cache } = setup();
    // Each run its own process, as on the command line: V8 would reuse what one process compiled.
    const cli = () => run(process.execPath, [bin, ...args(cache)], { cwd: root, env: process.env });
    const v8Files = () => entries(cache).filter((file) => file.endsWith('.v8'));
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    // A file written again has a modification time of now (a load leaves one an hour old alone).
    const rewritten = () => v8Files().map((file) => statSync(file).mtimeMs > anHourAgo.getTime() + 60_000);
    const first = await cli();
    // Compiled in the process: there is no script of cached code to keep.
    expect(v8Files()).toEqual([]);
    const second = await cli();
    expect(second.stderr).toContain(': 2 loaded, 0 compiled\n');
    // The first-error module and the all-errors one (bad.json fails).
    expect(v8Files().length).toBe(2);
    for (const file of v8Files()) expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const file of v8Files()) utimesSync(file, anHourAgo, anHourAgo);
    const third = await cli();
    expect(third.stdout).toBe(first.stdout);
    expect(third.code).toBe(1);
    // Taken by V8, so not written again.
    expect(rewritten()).toEqual([false, false]);
    // Data V8 refuses (another build of it, damage): compiled from the code, and written anew.
    for (const file of v8Files()) {
      const bytes = readFileSync(file);
      const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1);
      writeFileSync(file, Buffer.concat([header, Buffer.alloc(1000, 7)]));
      utimesSync(file, anHourAgo, anHourAgo);
    }
    const damaged = await cli();
    expect(damaged.stdout).toBe(first.stdout);
    expect(damaged.stderr).toContain(': 2 loaded, 0 compiled\n');
    expect(rewritten()).toEqual([true, true]);
    for (const file of v8Files()) expect(readFileSync(file).includes(Buffer.alloc(1000, 7))).toBe(false);
  });

  it('says nothing when a code cache cannot be written: the entries still load', async () => {
    const { root, cache } = setup();
    await runCli(args(cache), { cwd: root });
    // A directory where each code cache would go: renaming a file over it fails, even as root.
    for (const file of entries(cache)) mkdirSync(file.replace(/\.js$/, '.v8'));
    const result = await run(process.execPath, [bin, ...args(cache)], { cwd: root, env: process.env });
    expect(result.stderr).toContain(': 2 loaded, 0 compiled\n');
    expect(result.stderr).not.toContain('warning');
    expect(result.code).toBe(1);
  });

  it('a code cache is read only for the code it was made from, and only when it can be trusted', () => {
    const { cache } = setup();
    const validators = new ValidatorCache(cache, () => {});
    validators.write('key', 'module.exports = 1;');
    validators.writeCodeCache('key', 'module.exports = 1;', Buffer.from([1, 2, 3, 10, 4]));
    expect(validators.readCodeCache('key', 'module.exports = 1;')).toEqual(Buffer.from([1, 2, 3, 10, 4]));
    expect(validators.readCodeCache('key', 'module.exports = 2;')).toBeUndefined();
    expect(validators.readCodeCache('other key', 'module.exports = 1;')).toBeUndefined();
    const [file] = entries(cache).filter((name) => name.endsWith('.v8'));
    chmodSync(file!, 0o666);
    expect(validators.readCodeCache('key', 'module.exports = 1;')).toBeUndefined();
  });

  it('compiles again when the schema changes', async () => {
    const { root, cache } = setup();
    await runCli(args(cache), { cwd: root });
    writeFileSync(join(root, 'schema.json'), JSON.stringify({ ...schema, required: ['id'] }));
    const changed = await runCli(args(cache), { cwd: root });
    expect(changed.stderr).toContain(': 0 loaded, 2 compiled\n');
  });

  it('--no-cache compiles and writes nothing, even with a cache directory in the environment', async () => {
    const { root, cache } = setup();
    const env = { WEBHOOK_CLI_CACHE_DIR: cache };
    const result = await runCli(
      ['validate', 'payloads', '--schema', 'schema.json', '--no-cache', '--verbose'],
      {
        cwd: root,
        env,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('validator cache');
    expect(existsSync(cache)).toBe(false);
  });

  it('is found through WEBHOOK_CLI_CACHE_DIR, then XDG_CACHE_HOME, then HOME', async () => {
    const { root } = setup();
    const run = (env: Record<string, string>) =>
      runCli(['validate', 'payloads', '--schema', 'schema.json', '--verbose'], { cwd: root, env });
    expect((await run({ WEBHOOK_CLI_CACHE_DIR: join(root, 'a'), HOME: root })).stderr).toContain(
      `validator cache ${join(root, 'a')}: `,
    );
    expect((await run({ XDG_CACHE_HOME: join(root, 'xdg'), HOME: root })).stderr).toContain(
      `validator cache ${join(root, 'xdg', 'webhook-cli')}: `,
    );
    expect((await run({ HOME: root })).stderr).toContain(
      `validator cache ${join(root, '.cache', 'webhook-cli')}: `,
    );
    // No HOME at all: no cache, and nothing written anywhere.
    expect((await run({})).stderr).not.toContain('validator cache');
  });

  it('ignores and rebuilds a corrupt entry', async () => {
    const { root, cache } = setup();
    await runCli(args(cache), { cwd: root });
    for (const file of entries(cache)) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    }
    const corrupt = await runCli(args(cache), { cwd: root });
    expect(corrupt.stderr).toContain(
      `validator cache ${cache}: 0 loaded, 2 compiled, 3 unusable entries rebuilt\n`,
    );
    expect(corrupt.code).toBe(1);
    for (const line of expectedReport) expect(corrupt.stdout).toContain(line);
    const again = await runCli(args(cache), { cwd: root });
    expect(again.stderr).toContain(': 2 loaded, 0 compiled\n');
  });

  it('ignores an entry whose code was changed, one under another key, and one writable by others', async () => {
    const { root, cache } = setup();
    await runCli(args(cache), { cwd: root });
    const files = entries(cache);
    // Same header, other code: the code's hash no longer matches.
    const [edited, moved, open] = files.map((file) => readFileSync(file, 'utf8'));
    writeFileSync(files[0]!, `${edited}\nglobalThis.tampered = true;`);
    // Another entry's (valid) content under this name: its key is not this one.
    writeFileSync(files[1]!, open!);
    writeFileSync(files[2]!, moved!);
    const swapped = await runCli(args(cache), { cwd: root });
    expect(swapped.stderr).toContain(', 3 unusable entries rebuilt\n');
    expect((globalThis as { tampered?: boolean }).tampered).toBeUndefined();
    for (const file of entries(cache)) chmodSync(file, 0o666);
    const writable = await runCli(args(cache), { cwd: root });
    expect(writable.stderr).toContain(', 3 unusable entries rebuilt\n');
  });

  it('a cache directory that cannot be written: one warning, and the run goes on without it', async () => {
    const { root } = setup();
    writeFileSync(join(root, 'not-a-dir'), '');
    const result = await runCli(args('not-a-dir'), { cwd: root });
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toEqual([
      `webhook-cli: warning: the validator cache ${join(root, 'not-a-dir')} cannot be written (not a directory); schemas are compiled on every run (--cache-dir <dir> to move it, --no-cache to skip it)`,
    ]);
    expect(result.code).toBe(1);
    for (const line of expectedReport) expect(result.stdout).toContain(line);
  });

  it('two runs at once on an empty cache both succeed, and leave entries the next run loads', async () => {
    const { root, cache } = setup();
    const runBinary = () => run(process.execPath, [bin, ...args(cache)], { cwd: root, env: process.env });
    const [a, b] = await Promise.all([runBinary(), runBinary()]);
    for (const run of [a, b]) {
      expect(run.code).toBe(1);
      for (const line of expectedReport) expect(run.stdout).toContain(line);
      expect(run.stderr).not.toContain('warning');
    }
    // No temporary file is left behind, and every entry is whole.
    expect(entries(cache).every((file) => /\.(js|v8)$/.test(file))).toBe(true);
    const next = await runCli(args(cache), { cwd: root });
    expect(next.stderr).toContain(': 2 loaded, 0 compiled\n');
  });

  it('refuses --cache-dir with --no-cache, and an empty --cache-dir', async () => {
    const { root } = setup();
    const both = await runCli(
      ['validate', 'payloads', '--schema', 'schema.json', '--cache-dir', 'c', '--no-cache'],
      { cwd: root },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('webhook-cli: --cache-dir and --no-cache contradict each other (pick one)\n');
    const empty = await runCli(['validate', 'payloads', '--schema', 'schema.json', '--cache-dir', ''], {
      cwd: root,
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('webhook-cli: --cache-dir: the directory name is empty\n');
  });

  it('--help names both flags', async () => {
    const help = await runCli(['validate', '--help']);
    expect(help.stdout).toContain('--cache-dir <dir>');
    expect(help.stdout).toContain('--no-cache');
  });
});

/** `validate payloads --schema schema.json --verbose --threads <n>` in a process of its own (the
 * helper threads run the built worker script). */
const runThreads = (root: string, threads: string, cache: string[]) =>
  run(
    process.execPath,
    [bin, 'validate', 'payloads', '--schema', 'schema.json', ...cache, '--verbose', '--threads', threads],
    { cwd: root, env: process.env },
  );

/**
 * `count` payload files (2,100 by default: helpers start for runs of over 2,000), `payloads/0000.json`
 * on; those `invalid(n)` picks fail the schema.
 */
function payloadFiles(invalid: (n: number) => boolean, count = 2100): Record<string, string> {
  const files: Record<string, string> = { 'schema.json': JSON.stringify(schema) };
  for (let n = 0; n < count; n += 1) {
    const name = `payloads/${String(n).padStart(4, '0')}.json`;
    files[name] = JSON.stringify(invalid(n) ? { id: 'x', sha: 'b' } : { id: n, sha: 'aa' });
  }
  return files;
}

describe('validate --threads', () => {
  it('two threads give the same report, in the same order, as one', async () => {
    const files = payloadFiles((n) => n % 97 === 5);
    files['payloads/0650.json'] = '{ "id": 1, ';
    const root = tree(files);
    const run = (threads: string, cache = ['--no-cache']) => runThreads(root, threads, cache);
    const [one, two] = await Promise.all([run('1'), run('2')]);
    expect(two.stderr).toContain('checked in 2 threads (after the first 500 files)\n');
    expect(one.stderr).not.toContain('threads');
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(2);
    expect(one.code).toBe(2);
    expect(one.stdout).toContain('payloads/0684.json:1:7  must be integer  (/id)');
    expect(one.stdout).toContain('payloads/0650.json:1:12  error unexpected end of file');
    expect(one.stdout.trimEnd().split('\n').at(-1)).toBe('2100 files: 2077 valid, 22 invalid, 1 error');
    // With the cache, the helper loads the validators this thread saved after its first 500 files.
    const cached = await run('2', ['--cache-dir', join(root, 'cache')]);
    expect(cached.stdout).toBe(one.stdout);
    expect(cached.stderr).toContain('checked in 2 threads (after the first 500 files)\n');
    // Three entries, and V8's code cache of the two the helper loaded.
    expect(entries(join(root, 'cache')).filter((file) => file.endsWith('.js')).length).toBe(3);
    expect(entries(join(root, 'cache')).filter((file) => file.endsWith('.v8')).length).toBe(2);
    // Everything in the cache: the helper starts after the first file.
    const again = await run('2', ['--cache-dir', join(root, 'cache')]);
    expect(again.stdout).toBe(one.stdout);
    expect(again.stderr).toContain(
      'checked in 2 threads (after the first file, its validators from the cache)\n',
    );
    expect(again.stderr).toContain(': 2 loaded, 0 compiled\n');
  });

  it('starts no helper for a run of 2,000 files or fewer, cache or not', async () => {
    const root = tree(payloadFiles((n) => n % 97 === 5, 2000));
    const cache = ['--cache-dir', join(root, 'cache')];
    const cold = await runThreads(root, '2', cache);
    const warm = await runThreads(root, '2', cache);
    for (const result of [cold, warm]) {
      expect(result.stderr).not.toContain('threads');
      expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2000 files: 1979 valid, 21 invalid, 0 errors');
    }
    expect(warm.stderr).toContain(': 2 loaded, 0 compiled\n');
  });

  it('auto keeps to one thread while every core is busy, with the same report', async () => {
    const root = tree(payloadFiles((n) => n % 97 === 5));
    const one = await runThreads(root, '1', ['--no-cache']);
    // A busy loop on every core, each saying when it runs.
    const loops = Array.from({ length: availableParallelism() }, () =>
      spawn(process.execPath, ['-e', 'process.stdout.write("busy\\n"); for (;;);'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    try {
      await Promise.all(loops.map((loop) => once(loop.stdout!, 'data')));
      const auto = await runThreads(root, 'auto', ['--no-cache']);
      expect(auto.stderr).toContain('checked in one thread (--threads auto: no core was idle)\n');
      expect(auto.stdout).toBe(one.stdout);
    } finally {
      for (const loop of loops) loop.kill();
    }
  });

  it('a validator first compiled in a helper thread is cached too', async () => {
    // The first 500 files are valid: this thread compiles the first-error validator only. The next
    // batch, the first a helper gets, holds the invalid files, whose errors need the all-errors one.
    const root = tree(payloadFiles((n) => n >= 500 && n < 510));
    const cache = ['--cache-dir', join(root, 'cache')];
    const first = await runThreads(root, '2', cache);
    expect(first.stderr).toContain('checked in 2 threads (after the first 500 files)\n');
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe('2100 files: 2090 valid, 10 invalid, 0 errors');
    const second = await runThreads(root, '1', cache);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain(': 2 loaded, 0 compiled\n');
  });

  it('refuses a --threads that is not a whole number from 1 to 16', async () => {
    for (const value of ['0', '17', 'two']) {
      const result = await runCli(['validate', 'x.json', '--schema', 'generic', '--threads', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`webhook-cli: --threads: '${value}' is not a whole number from 1 to 16\n`);
    }
  });

  it('auto: a second thread only with two cores and one of them idle while the run began', () => {
    // Measured idleness decides: the load average lags behind (high after a busy minute, low as one begins).
    expect(chooseThreads('auto', 2, 0.9, 1.6)).toBe(2);
    expect(chooseThreads('auto', 2, 0.1, 0.4)).toBe(1);
    expect(chooseThreads('auto', 1, 1, 0)).toBe(1);
    expect(chooseThreads('auto', 8, 6.5, 9)).toBe(2);
    // Too short a run to measure: the load average.
    expect(chooseThreads('auto', 2, undefined, 0.4)).toBe(2);
    expect(chooseThreads('auto', 2, undefined, 15)).toBe(1);
    expect(chooseThreads(4, 1, 0, 30)).toBe(4);
  });

  it("measures idle cores from two readings of every core's times", () => {
    const core = (idle: number, busy: number) => ({
      model: 'x',
      speed: 1,
      times: { user: busy, nice: 0, sys: 0, idle, irq: 0 },
    });
    const before = cpuTimes([core(1_000, 5_000), core(2_000, 7_000)]);
    expect(before).toEqual({ idle: 3_000, total: 15_000, cores: 2 });
    // One core busy for 200 ms, the other idle for 180 of them.
    const after = cpuTimes([core(1_000, 5_200), core(2_180, 7_020)]);
    expect(idleCores(before, after)).toBeCloseTo(0.9);
    // 10 ms on each core is one tick of the kernel's clock: too little to tell.
    expect(idleCores(before, cpuTimes([core(1_010, 5_000), core(2_000, 7_010)]))).toBeUndefined();
  });
});
