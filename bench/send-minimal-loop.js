// The floor for any sender that reads each payload from its own file and sends it through undici:
// readFileSync + dispatch() with a plain handler, 32 workers, no output. Compared with send in
// BENCHMARKS.md. Usage: node bench/send-minimal-loop.js <dir of payload files> <url>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';

const [dir, url] = process.argv.slice(2);
const names = readdirSync(dir).sort();
const agent = new Agent({ connections: 32, keepAliveTimeout: 30000 });
const u = new URL(url);
let next = 0;
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
const t0 = performance.now();
const c0 = process.cpuUsage();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < names.length) {
      const name = names[next++];
      await one(readFileSync(join(dir, name)));
    }
  }),
);
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
console.log(
  `minimal: ${Math.round(names.length / (ms / 1000))} req/s, ${Math.round((c.user + c.system) / names.length)} µs CPU/req`,
);
await agent.close();
