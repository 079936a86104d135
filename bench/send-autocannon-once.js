// autocannon on exactly the work send is measured on: a fresh process, 32 connections, 10,000
// requests with a 15 KB body, timed from the call to the 10,000th response (autocannon's own
// figure for a fixed amount counts whole seconds, so it is not used). Like send's in-run rate it
// leaves out process start-up and includes connecting and the JIT warming up.
// Usage: node bench/send-autocannon-once.js <url> [count]   Prints: "<req/s> <µs CPU/request>"
import autocannon from 'autocannon';
import { payloadOf } from './send-fixtures.js';

const [url, countArg = '10000'] = process.argv.slice(2);
const count = Number(countArg);
let responses = 0;
let errors = 0;
const cpu = process.cpuUsage();
const start = performance.now();
const finished = new Promise((resolve) => {
  const instance = autocannon(
    {
      url,
      method: 'POST',
      connections: 32,
      amount: count,
      body: payloadOf(15 * 1024, 1),
      headers: { 'content-type': 'application/json' },
    },
    () => {},
  );
  instance.on('response', (_client, statusCode) => {
    responses += 1;
    if (statusCode !== 200) errors += 1;
    if (responses === count) {
      resolve(performance.now() - start);
      instance.stop();
    }
  });
  instance.on('reqError', () => {
    errors += 1;
  });
});
const ms = await finished;
const used = process.cpuUsage(cpu);
if (errors > 0) throw new Error(`autocannon saw ${errors} errors or non-200 answers`);
console.log(`${Math.round(count / (ms / 1000))} ${Math.round((used.user + used.system) / count)}`);
