#!/usr/bin/env node
// Two builds of `webhook-cli listen` side by side, alternating, on the same payload:
//   node bench/listen-compare.js <other-checkout> [rounds]
// (the other checkout built with `npm ci`, e.g. `git worktree add /tmp/base <commit>`).
// For each build and configuration: autocannon, 32 connections, 2 s warm-up, BENCH_SECONDS (5) measured;
// prints median req/s and the listener's CPU per request (from /proc, all threads).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { makePayload, payloadSchema } from './listen-payload.js';

const here = dirname(fileURLToPath(import.meta.url));
const builds = { before: resolve(process.argv[2] ?? ''), after: resolve(here, '..') };
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'listen-compare-'));
const schemaPath = join(work, 'payload.schema.json');
writeFileSync(schemaPath, JSON.stringify(payloadSchema));
const body = makePayload();
const configs = {
  'json-schema': ['--json', '--schema', schemaPath],
  'json-schema-ui': ['--json', '--schema', schemaPath, '--ui', '--ui-port', '0'],
};

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function measure(root, args) {
  const child = spawn(process.execPath, [join(root, 'bin', 'webhook-cli.js'), 'listen', '-p', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((done, fail) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const found = /Listening on (http:\/\/\S+)/.exec(line);
      if (found) done(found[1]);
    });
    child.on('exit', () => fail(new Error('listener exited')));
  });
  const options = {
    url: `${url}/`,
    connections: 32,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  };
  await autocannon({ ...options, duration: 2 });
  const before = cpuTicks(child.pid);
  const result = await autocannon({ ...options, duration: seconds });
  const ticks = cpuTicks(child.pid) - before;
  child.kill('SIGKILL');
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    cpuUs: (ticks * 10_000) / requests,
    bad: result.non2xx + result.errors,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (let round = 1; round <= rounds; round += 1) {
  for (const [config, args] of Object.entries(configs)) {
    for (const [name, root] of Object.entries(builds)) {
      const key = `${config} ${name}`;
      const outcome = await measure(root, args);
      results[key] = [...(results[key] ?? []), outcome];
      console.error(
        `round ${round} ${key}: ${outcome.rps.toFixed(0)} req/s, ${outcome.cpuUs.toFixed(0)} µs CPU/request, ${outcome.bad} failed`,
      );
    }
  }
}
for (const [key, runs] of Object.entries(results)) {
  console.log(
    `${key.padEnd(24)} median ${median(runs.map((r) => r.rps))
      .toFixed(0)
      .padStart(6)} req/s  ${median(runs.map((r) => r.cpuUs))
      .toFixed(0)
      .padStart(5)} µs CPU/request`,
  );
}
