// The floor for any sender that sends each payload through undici: dispatch() with a plain
// handler, 32 workers, no output. Compared with send in BENCHMARKS.md.
// Usage: node bench/send-minimal-loop.js <dir of payload files> <url> [files|memory|reader-thread]
//   files          readFileSync each file on the main thread (what send does), the default
//   memory         the first file's bytes for every request: no file reads at all
//   reader-thread  a worker thread reads the files, 64 to a message, transferred to the main thread
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Agent } from 'undici';

const [dir, url, mode = 'files'] = process.argv.slice(2);
const names = readdirSync(dir).sort();
const agent = new Agent({ connections: 32, keepAliveTimeout: 30000 });
const u = new URL(url);

const one = (body) =>
  new Promise((resolve, reject) => {
    agent.dispatch(
      {
        origin: u.origin,
        path: u.pathname,
        method: 'POST',
        headers: ['content-type', 'application/json'],
        body,
      },
      {
        onRequestStart() {},
        onResponseStart() {},
        onResponseData() {},
        onResponseEnd() {
          resolve();
        },
        onResponseError(_c, e) {
          reject(e);
        },
      },
    );
  });

/** Bodies one at a time, shared by the 32 workers; null when there are no more. */
function bodySource() {
  let next = 0;
  if (mode === 'files')
    return async () => (next < names.length ? readFileSync(join(dir, names[next++])) : null);
  if (mode === 'memory') {
    const body = readFileSync(join(dir, names[0]));
    return async () => (next++ < names.length ? body : null);
  }
  if (mode !== 'reader-thread') throw new Error(`unknown mode ${mode}`);
  const reader = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { openSync, readSync, closeSync } = require('node:fs');
     const { join } = require('node:path');
     const { dir, names } = workerData;
     let i = 0;
     let credits = 4;
     function pump() {
       while (credits > 0 && i < names.length) {
         credits -= 1;
         const batch = Buffer.allocUnsafeSlow(2 * 1024 * 1024);
         let end = 0;
         const ends = [];
         while (i < names.length && ends.length < 64) {
           const fd = openSync(join(dir, names[i++]), 'r');
           for (let n; (n = readSync(fd, batch, end, batch.length - end, null)) > 0; ) end += n;
           closeSync(fd);
           ends.push(end);
         }
         parentPort.postMessage({ memory: batch.buffer, ends, done: i >= names.length }, [batch.buffer]);
       }
     }
     parentPort.on('message', () => { credits += 1; pump(); });
     pump();`,
    { eval: true, workerData: { dir, names } },
  );
  const queue = [];
  const waiting = [];
  let done = false;
  reader.on('message', ({ memory, ends, done: last }) => {
    const batch = Buffer.from(memory);
    let start = 0;
    for (const end of ends) {
      queue.push(batch.subarray(start, end));
      start = end;
    }
    done = last;
    reader.postMessage('more');
    for (const wake of waiting.splice(0)) wake();
  });
  const source = async () => {
    while (queue.length === 0) {
      if (done) return null;
      await new Promise((wake) => waiting.push(wake));
    }
    return queue.shift();
  };
  source.close = () => reader.terminate();
  return source;
}

const next = bodySource();
const t0 = performance.now();
const c0 = process.cpuUsage();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (let body = await next(); body !== null; body = await next()) await one(body);
  }),
);
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
console.log(
  `minimal (${mode}): ${Math.round(names.length / (ms / 1000))} req/s, ${Math.round((c.user + c.system) / names.length)} µs CPU/req`,
);
await agent.close();
await next.close?.();
