#!/usr/bin/env node
// Two builds of `webhook-cli validate` side by side, alternating, on the same 10,000 GitHub
// `issues` payloads (bench/validate-corpus.js):
//   node bench/validate-compare.js <other-checkout> [rounds]
// (the other checkout built with `npm ci`, e.g. `git worktree add --detach /tmp/base <commit>`).
// Each build gets its own validator cache directory, warmed by one run first (a build without a
// cache ignores it). Prints median wall and CPU time (user+sys, from /usr/bin/time) per command.
//   BENCH_SCHEMAS: which commands (default union,community): union = the octokit issues_event
//   union schema file; community = the octokit schemas by event (`--schema github-community`, which
//   a build from before the official description calls `--schema github`); github = GitHub's
//   official description (`--schema github`). BENCH_ARGS: more arguments for both (`--threads 1`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, writeUnionSchema } from './validate-corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const builds = { before: resolve(process.argv[2] ?? ''), after: resolve(here, '..') };
const rounds = Number(process.argv[3] ?? 5);
if (!existsSync(join(builds.before, 'bin/webhook-cli.js'))) {
  console.error('usage: node bench/validate-compare.js <other-checkout> [rounds]');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'validate-compare-'));
generateCorpus(join(work, 'files'), 10_000);
writeUnionSchema(join(work, 'issues-union.schema.json'));

/** The octokit schemas by event: `github-community` where a build has it, else `github`. */
function communityName(root) {
  const sources = join(root, 'dist/schemas/builtin-schemas.js');
  return readFileSync(sources, 'utf8').includes('github-community') ? 'github-community' : 'github';
}
const commands = {
  union: () => ['files', '--schema', 'issues-union.schema.json'],
  community: (root) => ['files', '--schema', communityName(root), '--event', 'issues'],
  github: () => ['files', '--schema', 'github', '--event', 'issues'],
};
const extra = (process.env.BENCH_ARGS ?? '').split(' ').filter(Boolean);
const chosen = (process.env.BENCH_SCHEMAS ?? 'union,community').split(',');

function run(build, argv) {
  const root = builds[build];
  const started = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%U %S %M', process.execPath, join(root, 'bin/webhook-cli.js'), 'validate', ...argv, ...extra],
    {
      cwd: work,
      env: { ...process.env, WEBHOOK_CLI_CACHE_DIR: join(work, `cache-${build}`) },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [user, system, rss] = result.stderr.trimEnd().split('\n').at(-1).split(' ').map(Number);
  if (result.status !== 1)
    throw new Error(`${build} ${argv.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return { ms, cpuMs: (user + system) * 1000, rssMb: rss / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = new Map();
for (const name of chosen) {
  for (const build of Object.keys(builds)) run(build, commands[name](builds[build])); // warm the cache
}
for (let round = 1; round <= rounds; round += 1) {
  for (const name of chosen) {
    // Alternate which build goes first, so that a trend in the machine's load hits both alike.
    const order = round % 2 ? ['before', 'after'] : ['after', 'before'];
    for (const build of order) {
      const key = `${name} ${build}`;
      results.set(key, [...(results.get(key) ?? []), run(build, commands[name](builds[build]))]);
    }
  }
  console.error(`round ${round}/${rounds} done`);
}

console.log(`validate, 10,000 payloads, ${rounds} rounds alternating, medians`);
console.log(`before: ${builds.before}\nafter:  ${builds.after}\n`);
console.log('| command | build | wall | CPU (user+sys) | peak RSS | after / before (wall, CPU) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const name of chosen) {
  const of = (build) => {
    const runs = results.get(`${name} ${build}`);
    return {
      ms: median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      rssMb: median(runs.map((r) => r.rssMb)),
    };
  };
  const before = of('before');
  const after = of('after');
  for (const [build, figures] of [
    ['before', before],
    ['after', after],
  ]) {
    const ratio =
      build === 'after'
        ? `${((after.ms / before.ms) * 100).toFixed(0)} %, ${((after.cpuMs / before.cpuMs) * 100).toFixed(0)} %`
        : '';
    console.log(
      `| ${name} | ${build} | ${figures.ms.toFixed(0)} ms | ${figures.cpuMs.toFixed(0)} ms | ${figures.rssMb.toFixed(0)} MB | ${ratio} |`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
