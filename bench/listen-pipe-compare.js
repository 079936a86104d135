#!/usr/bin/env node
// `listen --json --schema github` with stdout into a pipe (`| cat > /dev/null`), this build against
// another checkout, side by side with the bare server, on the real GitHub delivery (issue #18):
// whether the delivery thread writing the lines into the pipe itself pays. Usage: npm run build,
// then node bench/listen-pipe-compare.js <other checkout> [rounds] (default 3).
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchPayloads,
  makeWorkDirs,
  measure,
  measureBare,
  median,
  startChild,
  stopChild,
} from './listen-harness.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const [other, rounds = '3'] = process.argv.slice(2);
if (!other) {
  console.error('usage: node bench/listen-pipe-compare.js <other checkout> [rounds]');
  process.exit(2);
}
const { work } = makeWorkDirs();
const payload = benchPayloads(work).real;
const roots = { before: other, after: here };
const runs = { bare: [], before: [], after: [] };

async function intoPipe(root, fifo) {
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('sh', ['-c', `cat "${fifo}" > /dev/null`]);
  const { child, url } = await startChild(
    [join(root, 'bin', 'webhook-cli.js'), 'listen', '-p', '0', '--json', '--schema', 'github'],
    { stdoutFile: fifo, readyPattern: /Listening on (http:\/\/\S+)/ },
  );
  try {
    return await measure(url, child.pid, payload, 5);
  } finally {
    await stopChild(child);
    await new Promise((resolve) => reader.on('exit', resolve));
    rmSync(fifo);
  }
}

for (let round = 0; round < Number(rounds); round += 1) {
  runs.bare.push(await measureBare(payload, 5));
  for (const [name, root] of Object.entries(roots)) {
    runs[name].push(await intoPipe(root, join(work, `stdout-${name}-${round}`)));
  }
  const line = Object.entries(runs).map(([name, each]) => `${name} ${each.at(-1).rps.toFixed(0)} req/s`);
  console.error(`round ${round + 1}: ${line.join(', ')}`);
}
const bare = median(runs.bare.map((run) => run.rps));
console.log(`real delivery, stdout into a pipe, medians of ${rounds} rounds:`);
console.log('| build | req/s | vs bare | CPU per request |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, each] of Object.entries(runs)) {
  const rps = median(each.map((run) => run.rps));
  const cpu = median(each.map((run) => run.cpuPerRequest));
  console.log(
    `| ${name} | ${rps.toFixed(0)} | ${((rps / bare) * 100).toFixed(1)} % | ${cpu.toFixed(0)} µs |`,
  );
}
rmSync(work, { recursive: true, force: true });
