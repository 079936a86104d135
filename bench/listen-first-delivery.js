#!/usr/bin/env node
// How long `listen --json --schema github` takes to be ready and to answer its first deliveries (a
// real GitHub issues delivery), with the validator cache and with --no-cache, alternating, in
// fresh processes: the first delivery of an event type loads or compiles its validators. The
// cache is a directory of this run's, warmed by one run first. Usage: node
// bench/listen-first-delivery.js [rounds] (default 5); after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { benchPayloads, makeWorkDirs, median, startChild, stopChild } from './listen-harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 5);
const { work } = makeWorkDirs();
const payload = benchPayloads(work).real;
const cache = mkdtempSync(join(tmpdir(), 'bench-cache-'));

async function once(args) {
  const started = performance.now();
  const { child, url } = await startChild(
    [join(root, 'bin', 'webhook-cli.js'), 'listen', '-p', '0', '--json', '--schema', 'github', ...args],
    { stdoutFile: join(work, 'out.ndjson'), readyPattern: /Listening on (http:\/\/\S+)/ },
  );
  const ready = performance.now() - started;
  const answers = [];
  for (let n = 0; n < 3; n += 1) {
    const sent = performance.now();
    const response = await request(url, { method: 'POST', headers: payload.headers, body: payload.body });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}`);
    answers.push(performance.now() - sent);
  }
  await stopChild(child);
  return { ready, answers };
}

const configurations = { cache: ['--cache-dir', cache], 'no cache': ['--no-cache'] };
await once(configurations.cache);
const runs = Object.fromEntries(Object.keys(configurations).map((name) => [name, []]));
for (let round = 0; round < rounds; round += 1) {
  for (const [name, args] of Object.entries(configurations)) runs[name].push(await once(args));
}
console.log(`listen --json --schema github, real delivery, medians of ${rounds} fresh processes:`);
console.log('| validators | ready | 1st delivery | 2nd | 3rd |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, each] of Object.entries(runs)) {
  const ms = (values) => `${median(values).toFixed(0)} ms`;
  const answer = (n) => ms(each.map((run) => run.answers[n]));
  console.log(
    `| ${name} | ${ms(each.map((run) => run.ready))} | ${answer(0)} | ${answer(1)} | ${answer(2)} |`,
  );
}
rmSync(cache, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
