// What a listener could reach with its per-delivery work off the HTTP thread (issue #18): the main
// thread reads each body and answers; a worker thread decodes and JSON.parses it, validates it
// against `--schema github` through webhook-cli's own schema registry (validators from the
// validator cache) and writes an NDJSON line with the body to /dev/null, in batches of what arrived
// in one event-loop turn. It verifies no signature, keeps no history and saves nothing: a ceiling
// to measure designs against, not a listener. Prints its port, like bench/listen-bare-server.js.
// Run by bench/listen-offload-compare.js.
import { openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url));
  const waiting = new Map();
  let nextId = 0;
  let batch = [];
  worker.on('message', (answers) => {
    for (const [id, status] of answers) {
      const res = waiting.get(id);
      waiting.delete(id);
      res.writeHead(status, { 'content-length': '0' });
      res.end();
    }
  });
  const send = () => {
    const sent = batch;
    batch = [];
    worker.postMessage(
      sent,
      sent.map(([, bytes]) => bytes.buffer),
    );
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // A copy of its own, so that its memory can move to the worker.
      const bytes = new Uint8Array(Buffer.concat(chunks));
      const id = nextId++;
      waiting.set(id, res);
      if (batch.push([id, bytes]) === 1) setImmediate(send);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
  process.on('SIGTERM', () => worker.terminate().then(() => server.close(() => process.exit(0))));
} else {
  const { loadSchemaRegistry } = await import('../dist/schemas/load-schema-registry.js');
  const { ValidatorCache, defaultCacheDir } = await import('../dist/schemas/validator-cache.js');
  const dir = defaultCacheDir(process.env);
  const cache = dir === undefined ? undefined : new ValidatorCache(dir, () => {});
  const registry = await loadSchemaRegistry(['github'], {
    cwd: process.cwd(),
    strict: false,
    maxFileBytes: 25 * 1024 * 1024,
    ...(cache ? { cache } : {}),
  });
  const out = openSync('/dev/null', 'w');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  parentPort.on('message', (deliveries) => {
    const answers = [];
    let lines = '';
    for (const [id, bytes] of deliveries) {
      const text = decoder.decode(bytes);
      const body = JSON.parse(text);
      const outcome = registry.validate({ body, event: 'issues' });
      const head = JSON.stringify({ id, size: bytes.length, validation: outcome.status, body: null });
      lines += `${head.slice(0, -'null}'.length)}${text.replace(/[\r\n]/g, ' ')}}\n`;
      answers.push([id, 200]);
    }
    writeSync(out, lines);
    parentPort.postMessage(answers);
  });
}
