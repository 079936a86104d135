#!/usr/bin/env node
// The bare node:http server against bench/listen-offload-server.js (the per-delivery work on a
// worker thread), alternating, on the real GitHub delivery, with the same autocannon load as
// bench/listen.bench.js: how far such a design could take listen (issue #18).
//   npm run build && node bench/listen-offload-compare.js [rounds]
// The validator cache must hold GitHub's issues validators: run any `validate --schema github
// --event issues` once first.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPayloads, makeWorkDirs, measure, median, startChild, stopChild } from './listen-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const payload = benchPayloads(makeWorkDirs().work).real;
const servers = { bare: 'listen-bare-server.js', offload: 'listen-offload-server.js' };
const results = { bare: [], offload: [] };
for (let round = 1; round <= rounds; round += 1) {
  for (const name of round % 2 ? ['bare', 'offload'] : ['offload', 'bare']) {
    const { child, url } = await startChild([join(here, servers[name])], {
      readyPattern: /^(\d+)\n/,
      fromStdout: true,
    });
    try {
      const result = await measure(`http://127.0.0.1:${url}/`, child.pid, payload, seconds);
      if (result.bad > 0) throw new Error(`${name}: ${result.bad} requests failed`);
      results[name].push(result);
      console.error(
        `round ${round} ${name}: ${result.rps.toFixed(0)} req/s, ${result.cpuPerRequest.toFixed(0)} µs/request`,
      );
    } finally {
      await stopChild(child);
    }
  }
}
const of = (name) => ({
  rps: median(results[name].map((r) => r.rps)),
  cpu: median(results[name].map((r) => r.cpuPerRequest)),
});
const bare = of('bare');
const offload = of('offload');
console.log(`real payload, medians of ${rounds}:`);
console.log(`| server | req/s | vs bare | CPU per request (all threads) |`);
console.log(`| --- | ---: | ---: | ---: |`);
console.log(`| bare node:http | ${bare.rps.toFixed(0)} | 100 % | ${bare.cpu.toFixed(0)} µs |`);
console.log(
  `| parse, validate, NDJSON on a worker | ${offload.rps.toFixed(0)} | ${((offload.rps / bare.rps) * 100).toFixed(1)} % | ${offload.cpu.toFixed(0)} µs |`,
);
