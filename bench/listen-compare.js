#!/usr/bin/env node
// Two builds of `webhook-cli listen` side by side, alternating, on the same payloads:
//   node bench/listen-compare.js <other-checkout> [rounds]
// (the other checkout built with `npm ci`, e.g. `git worktree add --detach /tmp/base <commit>`).
// For each payload, configuration and build (bench/listen-harness.js): autocannon, 32 connections,
// 2 s warm-up, BENCH_SECONDS (5) measured; the bare node:http server is measured in the same rounds.
// Prints median req/s and the server's CPU per request (from /proc, all threads).
//   BENCH_PAYLOADS (default synthetic,real), BENCH_CONFIGS (default json,ui,saveTmpfs,saveDisk).
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchPayloads,
  CONFIGURATIONS,
  formatMicros,
  makeWorkDirs,
  measureBare,
  measureListen,
  median,
} from './listen-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const builds = { before: resolve(process.argv[2] ?? ''), after: resolve(here, '..') };
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const { work, tmpfs } = makeWorkDirs();
const payloads = benchPayloads(work);
const chosen = (process.env.BENCH_PAYLOADS ?? 'synthetic,real').split(',');
const configs = (process.env.BENCH_CONFIGS ?? 'json,ui,saveTmpfs,saveDisk')
  .split(',')
  .filter((key) => tmpfs || CONFIGURATIONS[key].save !== 'tmpfs');

const results = new Map();
const add = (key, outcome) => results.set(key, [...(results.get(key) ?? []), outcome]);
let runCount = 0;
for (let round = 1; round <= rounds; round += 1) {
  for (const name of chosen) {
    const payload = payloads[name];
    const bare = await measureBare(payload, seconds);
    add(`${name} bare`, bare);
    console.error(
      `round ${round} ${name} bare: ${bare.rps.toFixed(0)} req/s, ${formatMicros(bare.cpuPerRequest)}`,
    );
    for (const key of configs) {
      const config = CONFIGURATIONS[key];
      // Alternate which build goes first, so that neither always runs on the warmer machine.
      const order = Object.entries(builds);
      if (round % 2 === 0) order.reverse();
      for (const [build, root] of order) {
        runCount += 1;
        const saveDir = config.save
          ? join(config.save === 'tmpfs' ? tmpfs : work, `captures-${runCount}`)
          : null;
        const stdoutFile = join(work, `out-${runCount}.ndjson`);
        const outcome = await measureListen(
          root,
          payload,
          [...config.args, ...(saveDir ? ['--save', saveDir] : [])],
          {
            stdoutFile,
            seconds,
          },
        );
        // Captures on the disk stay until the end (they are in `work`): ext4 without a journal (as
        // on this machine) skips inodes freed in the last minutes when it makes a file, one by one,
        // so deleting thousands of captures here made the next run's file creations cost up to 1 ms.
        if (config.save === 'tmpfs') rmSync(saveDir, { recursive: true, force: true });
        rmSync(stdoutFile, { force: true });
        add(`${name} ${key} ${build}`, outcome);
        console.error(
          `round ${round} ${name} ${key} ${build}: ${outcome.rps.toFixed(0)} req/s, ${formatMicros(outcome.cpuPerRequest)} CPU/request, ${outcome.bad} failed`,
        );
      }
    }
  }
}
const summary = (key) => {
  const runs = results.get(key) ?? [];
  return {
    rps: median(runs.map((r) => r.rps)),
    cpu: median(runs.map((r) => r.cpuPerRequest ?? Number.NaN)),
  };
};
for (const name of chosen) {
  const bare = summary(`${name} bare`);
  console.log(`\n${name} payload (${payloads[name].body.length} B), medians of ${rounds} rounds:`);
  console.log('| configuration | before | after |');
  console.log('| --- | ---: | ---: |');
  console.log(`| bare node:http | ${bare.rps.toFixed(0)} req/s, ${formatMicros(bare.cpu)} | (same) |`);
  for (const key of configs) {
    const cell = (build) => {
      const { rps, cpu } = summary(`${name} ${key} ${build}`);
      return `${rps.toFixed(0)} req/s (${((rps / bare.rps) * 100).toFixed(0)} %), ${formatMicros(cpu)}`;
    };
    console.log(`| listen ${CONFIGURATIONS[key].label} | ${cell('before')} | ${cell('after')} |`);
  }
}
rmSync(work, { recursive: true, force: true });
if (tmpfs) rmSync(tmpfs, { recursive: true, force: true });
