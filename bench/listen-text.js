#!/usr/bin/env node
// `listen`'s default view (text, stdout to a file) under load, two builds side by side: the real
// GitHub delivery of bench/listen-harness.js against `--schema github`, autocannon as in
// listen.bench.js (32 connections, 2 s warm-up, BENCH_SECONDS measured), rounds alternating, with
// the bare node:http server measured in each round. Checks that every delivery was printed.
//   node bench/listen-text.js <other-checkout> [rounds]     (both built: npm run build)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchPayloads,
  formatMicros,
  makeWorkDirs,
  measure,
  measureBare,
  median,
  startChild,
  stopChild,
} from './listen-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const builds = { before: resolve(process.argv[2] ?? ''), after: resolve(here, '..') };
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const { work } = makeWorkDirs();
const payload = benchPayloads(work).real;
const HEADER_LINE = /^\d\d:\d\d:\d\d {2}POST \/ /gm;

async function runText(root, label) {
  const stdoutFile = join(work, `${label}.txt`);
  const { child, url } = await startChild(
    [join(root, 'bin', 'webhook-cli.js'), 'listen', '-p', '0', ...payload.schema],
    { stdoutFile, readyPattern: /Listening on (http:\/\/\S+)/ },
  );
  try {
    const run = await measure(url, child.pid, payload, seconds);
    await stopChild(child);
    const printed = readFileSync(stdoutFile, 'utf8').match(HEADER_LINE)?.length ?? 0;
    // The warm-up's deliveries are printed too.
    if (run.bad > 0 || printed < run.ok) throw new Error(`${label}: ${run.bad} failed, ${printed} printed`);
    return run;
  } finally {
    await stopChild(child);
  }
}

const results = { bare: [], before: [], after: [] };
for (let round = 1; round <= rounds; round += 1) {
  const bare = await measureBare(payload, seconds);
  results.bare.push(bare);
  const order = round % 2 ? ['before', 'after'] : ['after', 'before'];
  for (const name of order) results[name].push(await runText(builds[name], `${name}-${round}`));
  const line = ['bare', 'before', 'after'].map((name) => `${name} ${results[name].at(-1).rps.toFixed(0)}`);
  console.error(`round ${round}: ${line.join(', ')} req/s`);
}

const cell = (name) => {
  const rps = median(results[name].map((run) => run.rps));
  const cpu = median(results[name].map((run) => run.cpuPerRequest));
  return { rps, cpu, text: `${rps.toFixed(0)} req/s, ${formatMicros(cpu)}` };
};
const before = cell('before');
const after = cell('after');
console.log(`\nlisten --schema github, text to a file, real payload, medians of ${rounds}:`);
console.log('| | req/s, CPU per request |');
console.log('| --- | ---: |');
console.log(`| bare node:http | ${cell('bare').text} |`);
console.log(`| ${builds.before} | ${before.text} |`);
console.log(`| this build | ${after.text} (${((100 * after.rps) / before.rps).toFixed(0)} % of its req/s) |`);
