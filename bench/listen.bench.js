#!/usr/bin/env node
// `webhook-cli listen` under load (issue 5): autocannon, 32 connections, 15 KB JSON bodies, against a
// bare node:http server (reads the body, JSON.parses it, answers 200) measured in the same run. Each
// configuration runs ROUNDS times, interleaved, and medians are compared:
//   listen --json --schema <file>           (stdout to a file)       needs >= 50% of bare
//   the same + --save <dir> on a tmpfs      (the listener's cost)    needs >= 30% of bare
//   the same + --save <dir> under tmpdir()  (the disk's cost too)    reported
// Every run checks that no request failed, every delivery was printed and valid, and every
// delivery was saved. Also printed: the server's CPU time per request (steadier than req/s on a
// shared machine). Then a long run of --json --schema --save samples the listener's RSS.
// Run with `npm run bench -- listen` (builds first); figures go into BENCHMARKS.md.
//   BENCH_SECONDS (default 10) per round, BENCH_ROUNDS (default 3), BENCH_MEMORY_SECONDS (default 60),
//   BENCH_TMPFS (default /dev/shm).
import { spawn } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { makePayload, payloadSchema } from './listen-payload.js';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'webhook-cli.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const memorySeconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
const CONNECTIONS = 32;

const work = mkdtempSync(join(tmpdir(), 'bench-listen-'));
const schemaFile = join(work, 'payload.schema.json');
writeFileSync(schemaFile, JSON.stringify(payloadSchema));
const body = makePayload();
const headers = { 'content-type': 'application/json', 'x-github-event': 'bench' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Starts a child and resolves with { child, url } once it prints its port or ready line. */
function startChild(args, { stdoutFile, readyPattern, fromStdout }) {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(process.execPath, args, { stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') closeSync(out);
  let stderr = '';
  return new Promise((resolve, reject) => {
    const stream = fromStdout ? child.stdout : child.stderr;
    let text = '';
    const onData = (data) => {
      text += data.toString();
      const match = readyPattern.exec(text);
      if (match) {
        stream.off('data', onData);
        resolve({ child, url: match[1], stderr: () => stderr + text });
      }
    };
    stream.on('data', onData);
    if (!fromStdout) child.stderr.on('data', (data) => (stderr += data.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}${text}`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function load(url, duration) {
  return autocannon({ url, connections: CONNECTIONS, duration, method: 'POST', headers, body });
}

/** CPU time (user + system, all threads) the process has used, in microseconds; null off Linux. */
function cpuMicros(pid) {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // clock ticks of 10 ms
}

/** Runs the measured load and adds the server's CPU time per request: a figure other load on the machine barely moves. */
async function measure(url, pid) {
  const before = cpuMicros(pid);
  const result = await load(url, seconds);
  const after = cpuMicros(pid);
  const requests = result['2xx'] + result.non2xx;
  return { result, cpuPerRequest: before === null ? null : (after - before) / requests };
}

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function runBare() {
  const { child, url } = await startChild([join(here, 'listen-bare-server.js')], {
    readyPattern: /^(\d+)\n/,
    fromStdout: true,
  });
  try {
    await load(`http://127.0.0.1:${url}/`, 2);
    const { result, cpuPerRequest } = await measure(`http://127.0.0.1:${url}/`, child.pid);
    return {
      rps: result.requests.average,
      cpuPerRequest,
      ok: result['2xx'],
      bad: result.non2xx + result.errors,
    };
  } finally {
    await stopChild(child);
  }
}

async function runListen(extra, label, saveRoot = work) {
  const stdoutFile = join(work, `${label}.ndjson`);
  const saveDir = join(saveRoot, `${label}-captures`);
  const args = [bin, 'listen', '-p', '0', '--json', '--schema', schemaFile, ...extra];
  if (extra.includes('--save')) args.splice(args.indexOf('--save') + 1, 0, saveDir);
  const listenArgs = args.filter((arg) => arg !== undefined);
  const { child, url, stderr } = await startChild(listenArgs, {
    stdoutFile,
    readyPattern: /Listening on (http:\/\/\S+)/,
  });
  try {
    await load(url, 2);
    const { result, cpuPerRequest } = await measure(url, child.pid);
    const code = await stopChild(child);
    const summary = /: (\d+) deliver/.exec(stderr())?.[1];
    const { printed, invalid } = await readDeliveries(stdoutFile);
    const saved = extra.includes('--save')
      ? readdirSync(saveDir).filter((name) => name.endsWith('.json')).length
      : null;
    return {
      rps: result.requests.average,
      cpuPerRequest,
      ok: result['2xx'],
      bad: result.non2xx + result.errors,
      delivered: Number(summary),
      printed,
      invalid,
      saved,
      code,
    };
  } finally {
    await stopChild(child);
    rmSync(saveDir, { recursive: true, force: true });
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

async function memoryRun() {
  const saveDir = join(work, 'memory-captures');
  const stdoutFile = join(work, 'memory.ndjson');
  const { child, url } = await startChild(
    [bin, 'listen', '-p', '0', '--json', '--schema', schemaFile, '--save', saveDir],
    { stdoutFile, readyPattern: /Listening on (http:\/\/\S+)/ },
  );
  const samples = [];
  const running = load(url, memorySeconds);
  const started = Date.now();
  const timer = setInterval(
    () => samples.push([Math.round((Date.now() - started) / 1000), rssKb(child.pid)]),
    5000,
  );
  const result = await running;
  clearInterval(timer);
  samples.push([Math.round((Date.now() - started) / 1000), rssKb(child.pid)]);
  await stopChild(child);
  const saved = readdirSync(saveDir).length;
  rmSync(saveDir, { recursive: true, force: true });
  rmSync(stdoutFile, { force: true });
  return {
    samples,
    rps: result.requests.average,
    ok: result['2xx'],
    bad: result.non2xx + result.errors,
    saved,
  };
}

// --save is measured twice: on a tmpfs (the listener's own cost) and on the disk under tmpdir().
const shm = process.env.BENCH_TMPFS ?? (existsSync('/dev/shm') ? '/dev/shm' : null);
const tmpfsRoot = shm ? mkdtempSync(join(shm, 'bench-listen-')) : null;
const results = { bare: [], json: [], saveTmpfs: [], saveDisk: [] };
console.error(
  `listen bench: ${CONNECTIONS} connections, ${body.length} B JSON, ${seconds}s x ${rounds} rounds`,
);
for (let round = 1; round <= rounds; round += 1) {
  results.bare.push(await runBare());
  results.json.push(await runListen([], `json-${round}`));
  if (tmpfsRoot) results.saveTmpfs.push(await runListen(['--save'], `save-tmpfs-${round}`, tmpfsRoot));
  results.saveDisk.push(await runListen(['--save'], `save-disk-${round}`, work));
  const rps = (key) => results[key].at(-1)?.rps.toFixed(0) ?? '-';
  console.error(
    `round ${round}: bare ${rps('bare')} req/s, --json --schema ${rps('json')}, + --save tmpfs ${rps('saveTmpfs')}, + --save disk ${rps('saveDisk')}`,
  );
}
const bare = median(results.bare.map((r) => r.rps));
const json = median(results.json.map((r) => r.rps));
const saveTmpfs = tmpfsRoot ? median(results.saveTmpfs.map((r) => r.rps)) : null;
const saveDisk = median(results.saveDisk.map((r) => r.rps));
let failed = false;
const check = (ok, text) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${text}`);
  if (!ok) failed = true;
};
const percent = (value) => `${((value / bare) * 100).toFixed(1)}%`;
console.log(
  `\nmedian req/s: bare ${bare.toFixed(0)}, listen --json --schema ${json.toFixed(0)} (${percent(json)})`,
);
console.log(
  `  + --save on tmpfs ${saveTmpfs?.toFixed(0) ?? 'n/a'}${saveTmpfs ? ` (${percent(saveTmpfs)})` : ''}`,
);
console.log(`  + --save on disk  ${saveDisk.toFixed(0)} (${percent(saveDisk)})`);
const cpu = (key) => {
  const values = results[key].map((r) => r.cpuPerRequest).filter((value) => value !== null);
  return values.length ? `${median(values).toFixed(0)} µs` : 'n/a';
};
console.log(
  `median server CPU per request: bare ${cpu('bare')}, --json --schema ${cpu('json')}, + --save tmpfs ${cpu('saveTmpfs')}, + --save disk ${cpu('saveDisk')}`,
);
check(json / bare >= 0.5, `--json --schema at ${percent(json)} of bare (needs >= 50%)`);
if (saveTmpfs !== null)
  check(
    saveTmpfs / bare >= 0.3,
    `--json --schema --save (tmpfs) at ${percent(saveTmpfs)} of bare (needs >= 30%)`,
  );
const diskOk = saveDisk / bare >= 0.3;
const cpuOf = (key) => median(results[key].map((r) => r.cpuPerRequest ?? 0));
console.log(
  `${diskOk ? 'PASS' : 'NOTE'} --json --schema --save (disk) at ${percent(saveDisk)} of bare` +
    (diskOk || !tmpfsRoot
      ? ''
      : `: the file system's cost, ${(cpuOf('saveDisk') - cpuOf('saveTmpfs')).toFixed(0)} µs more CPU per capture than on tmpfs with the same listener`),
);
for (const run of [...results.json, ...results.saveTmpfs, ...results.saveDisk]) {
  if (run.bad > 0) check(false, `${run.bad} requests failed or got a non-2xx answer`);
  if (run.invalid > 0) check(false, `${run.invalid} deliveries reported invalid`);
  if (run.printed !== run.delivered)
    check(false, `printed ${run.printed} lines for ${run.delivered} deliveries`);
}
for (const run of [...results.saveTmpfs, ...results.saveDisk]) {
  check(
    run.saved === run.delivered,
    `saved ${run.saved} captures for ${run.delivered} deliveries (${run.ok} answered 2xx)`,
  );
}

if (memorySeconds > 0) {
  const memory = await memoryRun();
  const [first, ...rest] = memory.samples;
  const last = rest.at(-1) ?? first;
  console.log(
    `\nmemory, ${memorySeconds}s of --json --schema --save at ${memory.rps.toFixed(0)} req/s (${memory.saved} saved):`,
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
if (tmpfsRoot) rmSync(tmpfsRoot, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
