#!/usr/bin/env node
// Two builds of `webhook-cli listen` side by side, each run in this process through main(), driven
// by a minimal keep-alive HTTP client (16 connections, one request at a time each) in this process
// too: no autocannon and no second process competing for the two cores, so the CPU time per request
// moves far less than req/s does on a shared machine. The figure includes the client's share, the
// same for both builds, and the bare node:http server (reads the body, JSON.parses it, answers 200)
// is measured the same way.
//   node bench/listen-inprocess.js <other-checkout> [rounds]
// BENCH_PAYLOADS (default real), BENCH_CONFIGS (default json,ui: the configurations without --save),
// BENCH_REQUESTS per measurement (default 20000, after 3000 to warm up).
import { openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareHandler } from './bare-handler.js';
import { benchPayloads, CONFIGURATIONS, makeWorkDirs, median } from './listen-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const builds = { before: resolve(process.argv[2] ?? ''), after: resolve(here, '..') };
const rounds = Number(process.argv[3] ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = 16;
const { work, tmpfs } = makeWorkDirs();
const payloads = benchPayloads(work);
const chosen = (process.env.BENCH_PAYLOADS ?? 'real').split(',');
const configs = (process.env.BENCH_CONFIGS ?? 'json,ui').split(',');
if (configs.some((key) => !CONFIGURATIONS[key] || CONFIGURATIONS[key].save)) {
  throw new Error('BENCH_CONFIGS: json and ui only (--save runs are measured by listen-compare.js)');
}
const devNull = openSync('/dev/null', 'w');

function rawRequest(payload) {
  const headers = Object.entries(payload.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.join('')}content-length: ${Buffer.byteLength(payload.body)}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(payload.body)]);
}

/** Sends `total` requests over CONNECTIONS sockets; resolves when all are answered (any status). */
function drive(port, request, total) {
  return new Promise((done, fail) => {
    let sent = 0;
    let answered = 0;
    const sockets = [];
    for (let c = 0; c < CONNECTIONS; c += 1) {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      let pending = '';
      const next = () => {
        if (sent < total) {
          sent += 1;
          socket.write(request);
        }
      };
      socket.on('connect', next);
      socket.on('error', fail);
      socket.on('data', (data) => {
        pending += data.toString('latin1');
        // Every answer here has an empty body: one answer per blank line.
        for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
          if (!pending.startsWith('HTTP/1.1 200')) fail(new Error(pending.slice(0, 200)));
          pending = pending.slice(end + 4);
          answered += 1;
          if (answered === total) {
            for (const each of sockets) each.destroy();
            done();
          }
          next();
        }
      });
    }
  });
}

async function startBare() {
  const server = createServer(bareHandler);
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    port: server.address().port,
    stop: () => new Promise((stopped) => server.close(stopped)),
  };
}

/** `listen -p 0 --json <schema> <args>` through the build's main(), stdout to /dev/null. */
async function startListen(root, payload, args) {
  const { main } = await import(join(root, 'dist', 'main.js'));
  const { realClock } = await import(join(root, 'dist', 'deps.js'));
  let stderr = '';
  let onPort;
  const port = new Promise((found) => {
    onPort = found;
  });
  let stop = () => {};
  const deps = {
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    clock: realClock,
    random: Math.random,
    stdout: {
      write: (chunk) => {
        writeSync(devNull, chunk);
        return true;
      },
    },
    stderr: {
      write: (chunk) => {
        stderr += chunk;
        const match = /Listening on http:\/\/[^\s]+:(\d+)/.exec(stderr);
        if (match) onPort(Number(match[1]));
        return true;
      },
    },
    signals: {
      on: (signal, handler) => {
        if (signal === 'SIGTERM') stop = handler;
        return () => {};
      },
    },
  };
  const running = main(['listen', '-p', '0', '--json', ...payload.schema, ...args], deps);
  return {
    port: await Promise.race([port, running.then(() => Promise.reject(new Error(stderr)))]),
    stop: async () => {
      stop();
      await running;
    },
  };
}

async function measure(server, request) {
  await drive(server.port, request, 3000);
  const before = process.cpuUsage();
  const started = performance.now();
  await drive(server.port, request, requests);
  const used = process.cpuUsage(before);
  const ms = performance.now() - started;
  await server.stop();
  return { cpu: (used.user + used.system) / requests, rps: (requests / ms) * 1000 };
}

const results = new Map();
const add = (key, outcome) => results.set(key, [...(results.get(key) ?? []), outcome]);
for (let round = 1; round <= rounds; round += 1) {
  for (const name of chosen) {
    const payload = payloads[name];
    const request = rawRequest(payload);
    const bare = await measure(await startBare(), request);
    add(`${name} bare`, bare);
    console.error(`round ${round} ${name} bare: ${bare.cpu.toFixed(0)} µs/request`);
    for (const key of configs) {
      const order = Object.entries(builds);
      if (round % 2 === 0) order.reverse();
      for (const [build, root] of order) {
        const outcome = await measure(await startListen(root, payload, CONFIGURATIONS[key].args), request);
        add(`${name} ${key} ${build}`, outcome);
        console.error(`round ${round} ${name} ${key} ${build}: ${outcome.cpu.toFixed(0)} µs/request`);
      }
    }
  }
}
const cell = (key) => {
  const runs = results.get(key) ?? [];
  return `${median(runs.map((r) => r.cpu)).toFixed(0)} µs (${runs.map((r) => r.cpu.toFixed(0)).join(', ')})`;
};
for (const name of chosen) {
  console.log(`\n${name} payload, CPU per request in one process (client included), medians of ${rounds}:`);
  console.log('| configuration | before | after |');
  console.log('| --- | ---: | ---: |');
  console.log(`| bare node:http | ${cell(`${name} bare`)} | (same) |`);
  for (const key of configs) {
    console.log(
      `| listen ${CONFIGURATIONS[key].label} | ${cell(`${name} ${key} before`)} | ${cell(`${name} ${key} after`)} |`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
if (tmpfs) rmSync(tmpfs, { recursive: true, force: true });
process.exit(0);
