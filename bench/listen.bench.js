#!/usr/bin/env node
// `webhook-cli listen` under load (issues 5 and 18): autocannon, 32 connections, 2 s warm-up, then
// BENCH_SECONDS measured, against a bare node:http server (reads the body, JSON.parses it, answers
// 200) measured in the same run, on two payloads (bench/listen-harness.js):
//   synthetic  compact 15 KB of small objects, its own schema (JSON.parse dominates)
//   real       GitHub's issues.opened example, pretty-printed (13 KB), GitHub's headers, --schema github
// and four configurations: --json --schema (stdout to a file), + --ui, + --save on a tmpfs (the
// listener's cost), + --save under tmpdir() (the disk's cost too). Everything runs ROUNDS times,
// interleaved, and medians are compared with the targets below. Every run checks that no request
// failed, every delivery was printed and valid, and every delivery was saved. The server's CPU time
// per request is printed too. Then a long run of --json --schema --save samples the listener's RSS.
// Run with `npm run bench -- listen` (builds first); figures go into BENCHMARKS.md.
//   BENCH_SECONDS (default 5) per round, BENCH_ROUNDS (default 3), BENCH_MEMORY_SECONDS (default 60),
//   BENCH_TMPFS (default /dev/shm), BENCH_PAYLOADS (default synthetic,real).
import { createReadStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  benchPayloads,
  CONFIGURATIONS,
  formatMicros,
  load,
  makeWorkDirs,
  measureBare,
  measureListen,
  median,
  startChild,
  stopChild,
} from './listen-harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const memorySeconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
const { work, tmpfs } = makeWorkDirs();
const payloads = benchPayloads(work);
const chosen = (process.env.BENCH_PAYLOADS ?? 'synthetic,real').split(',');

/** Shares of the bare server's req/s each configuration must reach (issues 5 and 18). */
const TARGETS = {
  synthetic: { json: 0.5, saveTmpfs: 0.3 },
  real: { json: 0.6, ui: 0.5, saveDisk: 0.35 },
};

async function runListen(payload, key, label) {
  const config = CONFIGURATIONS[key];
  const stdoutFile = join(work, `${label}.ndjson`);
  const saveRoot = config.save === 'tmpfs' ? tmpfs : work;
  const saveDir = config.save ? join(saveRoot, `${label}-captures`) : null;
  const args = [...config.args, ...(saveDir ? ['--save', saveDir] : [])];
  try {
    const run = await measureListen(root, payload, args, { stdoutFile, seconds });
    const delivered = Number(/: (\d+) deliver/.exec(run.stderr)?.[1]);
    const { printed, invalid } = await readDeliveries(stdoutFile);
    const saved = saveDir ? readdirSync(saveDir).filter((name) => name.endsWith('.json')).length : null;
    return { ...run, delivered, printed, invalid, saved };
  } finally {
    // Captures on the disk stay until the end (see bench/listen-compare.js: on ext4 without a
    // journal, deleting thousands of files makes the next run's file creations far slower).
    if (saveDir && config.save === 'tmpfs') rmSync(saveDir, { recursive: true, force: true });
    rmSync(stdoutFile, { force: true });
  }
}

/** Counts the NDJSON lines and those whose validation failed, streaming (the file is large). */
async function readDeliveries(file) {
  let printed = 0;
  let invalid = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    printed += 1;
    // The body is the last field: parse only what precedes it.
    const head = JSON.parse(`${line.slice(0, line.indexOf(',"encoding":'))}}`);
    if (!head.validation?.ok) invalid += 1;
  }
  return { printed, invalid };
}

const keys = Object.keys(CONFIGURATIONS).filter((key) => tmpfs || CONFIGURATIONS[key].save !== 'tmpfs');
const results = {};
for (const name of chosen) {
  results[name] = { bare: [] };
  for (const key of keys) results[name][key] = [];
}
console.error(
  `listen bench: ${chosen.map((name) => `${name} ${payloads[name].body.length} B`).join(', ')}; ${seconds}s x ${rounds} rounds`,
);
for (let round = 1; round <= rounds; round += 1) {
  for (const name of chosen) {
    const payload = payloads[name];
    results[name].bare.push(await measureBare(payload, seconds));
    for (const key of keys) results[name][key].push(await runListen(payload, key, `${name}-${key}-${round}`));
    const line = ['bare', ...keys]
      .map((key) => `${key} ${results[name][key].at(-1).rps.toFixed(0)}`)
      .join(', ');
    console.error(`round ${round} ${name}: ${line} req/s`);
  }
}

let failed = false;
const check = (ok, text) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${text}`);
  if (!ok) failed = true;
};
for (const name of chosen) {
  const runs = results[name];
  const bare = median(runs.bare.map((r) => r.rps));
  const cpu = (key) => median(runs[key].map((r) => r.cpuPerRequest ?? Number.NaN));
  // Each round runs bare and every configuration back to back: the ratio within a round shows how
  // far the bare server's own rate moved (the targets are checked on the medians).
  const perRound = (key) => {
    const shares = runs[key].map((run, round) => (run.rps / runs.bare[round].rps) * 100);
    return `${shares.map((share) => share.toFixed(0)).join(' / ')} (median ${median(shares).toFixed(0)} %)`;
  };
  console.log(`\n${name} payload (${payloads[name].body.length} B), medians:`);
  console.log('| configuration | req/s | vs bare | vs bare by round | server CPU per request |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(`| bare node:http | ${bare.toFixed(0)} | 100 % | | ${formatMicros(cpu('bare'))} |`);
  for (const key of keys) {
    const rps = median(runs[key].map((r) => r.rps));
    console.log(
      `| listen ${CONFIGURATIONS[key].label} | ${rps.toFixed(0)} | ${((rps / bare) * 100).toFixed(1)} % | ${perRound(key)} | ${formatMicros(cpu(key))} |`,
    );
  }
  for (const [key, share] of Object.entries(TARGETS[name] ?? {})) {
    if (!runs[key]) continue;
    const rps = median(runs[key].map((r) => r.rps));
    check(
      rps / bare >= share,
      `${name}: listen ${CONFIGURATIONS[key].label} at ${((rps / bare) * 100).toFixed(1)}% of bare (needs >= ${share * 100}%)`,
    );
  }
  for (const key of keys) {
    for (const run of runs[key]) {
      if (run.bad > 0) check(false, `${name} ${key}: ${run.bad} requests failed or got a non-2xx answer`);
      if (run.invalid > 0) check(false, `${name} ${key}: ${run.invalid} deliveries reported invalid`);
      if (run.printed !== run.delivered)
        check(false, `${name} ${key}: printed ${run.printed} lines for ${run.delivered} deliveries`);
      if (run.saved !== null && run.saved !== run.delivered)
        check(false, `${name} ${key}: saved ${run.saved} captures for ${run.delivered} deliveries`);
    }
  }
}

async function memoryRun(payload) {
  const saveDir = join(work, 'memory-captures');
  const stdoutFile = join(work, 'memory.ndjson');
  const bin = join(root, 'bin', 'webhook-cli.js');
  const { child, url } = await startChild(
    [bin, 'listen', '-p', '0', '--json', ...payload.schema, '--save', saveDir],
    { stdoutFile, readyPattern: /Listening on (http:\/\/\S+)/ },
  );
  const rssKb = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  const samples = [];
  const running = load(url, payload, memorySeconds);
  const started = Date.now();
  const timer = setInterval(() => samples.push([Math.round((Date.now() - started) / 1000), rssKb()]), 5000);
  const result = await running;
  clearInterval(timer);
  samples.push([Math.round((Date.now() - started) / 1000), rssKb()]);
  await stopChild(child);
  const saved = readdirSync(saveDir).length;
  rmSync(saveDir, { recursive: true, force: true });
  rmSync(stdoutFile, { force: true });
  return { samples, rps: result.requests.average, bad: result.non2xx + result.errors, saved };
}

if (memorySeconds > 0) {
  const name = chosen.includes('real') ? 'real' : chosen[0];
  const memory = await memoryRun(payloads[name]);
  const [first, ...rest] = memory.samples;
  const last = rest.at(-1) ?? first;
  console.log(
    `\nmemory, ${memorySeconds}s of --json --schema --save on the ${name} payload at ${memory.rps.toFixed(0)} req/s (${memory.saved} saved):`,
  );
  console.log(`  RSS ${memory.samples.map(([t, kb]) => `${t}s ${(kb / 1024).toFixed(0)}MB`).join(', ')}`);
  const growth = (last[1] - first[1]) / first[1];
  check(
    growth < 0.25,
    `RSS from ${(first[1] / 1024).toFixed(0)} MB at ${first[0]}s to ${(last[1] / 1024).toFixed(0)} MB at ${last[0]}s (${(growth * 100).toFixed(0)}%)`,
  );
  check(memory.bad === 0, `${memory.bad} failed requests in the memory run`);
}
rmSync(work, { recursive: true, force: true });
if (tmpfs) rmSync(tmpfs, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
