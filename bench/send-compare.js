#!/usr/bin/env node
// Two builds of `webhook-cli send` side by side, alternating, on the same payloads and sink:
//   node bench/send-compare.js <other-checkout> [rounds] [-- extra send flags]
// (the other checkout built with `npm ci`, e.g. `git worktree add --detach /tmp/send-base main`).
// Each round runs both builds (in turn first, so neither always runs on a warmer machine) and
// autocannon on the same work (bench/send-autocannon-once.js); prints the medians of send's in-run
// rate (its summary line), its CPU per request (/usr/bin/time), and the rate against autocannon's.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePayloads } from './send-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const positional = dash === -1 ? argv : argv.slice(0, dash);
const extra = dash === -1 ? [] : argv.slice(dash + 1);
const builds = { before: resolve(positional[0] ?? ''), after: resolve(here, '..') };
const rounds = Number(positional[1] ?? 5);
const COUNT = Number(process.env.SEND_COMPARE_COUNT ?? 10_000);
const SIZE = 15 * 1024;
const CONNECTIONS = 32;
if (!existsSync(join(builds.before, 'dist', 'main.js'))) {
  console.error(`usage: node bench/send-compare.js <built checkout> [rounds]; no dist/ in ${builds.before}`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function startSink() {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(here, 'send-sink.js')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (data) => done({ child, url: `http://127.0.0.1:${String(data).trim()}/hook` }));
    child.once('error', fail);
  });
}

const timed = existsSync('/usr/bin/time');

function timeSend(root, dir, url) {
  const args = [
    join(root, 'bin', 'webhook-cli.js'),
    'send',
    dir,
    '--to',
    url,
    '--concurrency',
    String(CONNECTIONS),
    ...extra,
  ];
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = String(result.stderr);
  if (result.status !== 0) throw new Error(`${root}: send exited ${result.status}: ${stderr.slice(-500)}`);
  const rate = /\((\d+(?:\.\d+)?) payloads\/s\)/.exec(stderr);
  const cpu = /CPU (\d+\.\d+) (\d+\.\d+)/.exec(stderr);
  return {
    rate: Number(rate?.[1]),
    cpuUs: cpu ? ((Number(cpu[1]) + Number(cpu[2])) * 1e6) / COUNT : Number.NaN,
  };
}

const work = mkdtempSync(join(tmpdir(), 'send-compare-'));
const sink = await startSink();
try {
  const dir = join(work, 'payloads');
  writePayloads(dir, COUNT, SIZE);
  console.error(
    `${COUNT} payloads of ${SIZE} bytes, ${rounds} rounds, sink ${sink.url}, extra flags: ${extra.join(' ') || 'none'}`,
  );
  const runs = { before: [], after: [] };
  const cannon = [];
  for (const name of Object.keys(builds)) timeSend(builds[name], dir, sink.url); // warm-up (page cache, sink JIT)
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    for (const name of order) runs[name].push(timeSend(builds[name], dir, sink.url));
    const out = execFileSync(
      process.execPath,
      [join(here, 'send-autocannon-once.js'), sink.url, String(COUNT)],
      {
        encoding: 'utf8',
      },
    );
    cannon.push(Number(out.trim().split(' ')[0]));
    console.error(
      `  round ${round + 1}: before ${Math.round(runs.before.at(-1).rate)} req/s ${Math.round(runs.before.at(-1).cpuUs)} µs, after ${Math.round(runs.after.at(-1).rate)} req/s ${Math.round(runs.after.at(-1).cpuUs)} µs, autocannon ${cannon.at(-1)} req/s`,
    );
  }
  const cannonRate = median(cannon);
  const line = (name) => {
    const rate = median(runs[name].map((run) => run.rate));
    const cpu = median(runs[name].map((run) => run.cpuUs));
    return `${name.padEnd(6)} ${builds[name]}: ${Math.round(rate)} req/s in-run (${((rate / cannonRate) * 100).toFixed(0)}% of autocannon), ${Math.round(cpu)} µs CPU/request`;
  };
  const ratio = median(runs.after.map((run) => run.rate)) / median(runs.before.map((run) => run.rate));
  console.log(
    [
      `medians of ${rounds}:`,
      line('before'),
      line('after'),
      `autocannon ${Math.round(cannonRate)} req/s (${COUNT} requests, fresh process)`,
      `after/before: ${(ratio * 100).toFixed(1)}% of the rate`,
    ].join('\n'),
  );
} finally {
  sink.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
