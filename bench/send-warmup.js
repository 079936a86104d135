// How fast each client goes over its first requests: a sink (its own process) notes when every
// 1,000th request arrives, while autocannon, the bare undici loop and send each send the same
// 10,000 payloads from a fresh process. Shows the JIT warm-up that a 10,000-request run includes.
// Usage: node bench/send-warmup.js   (after npm run build)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePayloads } from './send-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const COUNT = 10_000;

const sinkSource = `
  const { createServer } = require('node:http');
  let count = 0, first = 0, marks = [];
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      if (count === 0) first = performance.now();
      count += 1;
      if (count % 1000 === 0) marks.push(performance.now() - first);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
  process.on('message', () => { process.send(marks); count = 0; marks = []; });
`;

const work = mkdtempSync(join(tmpdir(), 'send-warmup-'));
const payloads = join(work, 'payloads');
writePayloads(payloads, COUNT, 15 * 1024);
const sink = spawn(process.execPath, ['-e', sinkSource], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const port = await new Promise((resolve) => sink.stdout.once('data', (data) => resolve(String(data).trim())));
const url = `http://127.0.0.1:${port}/hook`;
const marks = () =>
  new Promise((resolve) => {
    sink.once('message', resolve);
    sink.send('marks');
  });

const clients = [
  ['autocannon', [join(here, 'send-autocannon-once.js'), url]],
  ['undici loop', [join(here, 'send-minimal-loop.js'), payloads, url, 'files']],
  ['send', [join(here, '..', 'bin', 'webhook-cli.js'), 'send', payloads, '--to', url, '--concurrency', '32']],
];
try {
  for (let round = 0; round < 2; round += 1) {
    for (const [name, args] of clients) {
      execFileSync(process.execPath, args, { stdio: 'ignore' });
      const at = await marks();
      const rates = at.map((ms, i) => Math.round(1000 / ((ms - (at[i - 1] ?? 0)) / 1000)));
      console.log(`${name.padEnd(12)} req/s per 1,000 requests: ${rates.join(' ')}`);
    }
  }
} finally {
  sink.kill();
  rmSync(work, { recursive: true, force: true });
}
