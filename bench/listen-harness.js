// What bench/listen.bench.js and bench/listen-compare.js share: the payloads and configurations,
// starting a listener or the bare server as a child, and measuring it under autocannon (32
// connections) with its CPU time per request (from /proc, all threads: steadier than req/s on a
// shared machine).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { makePayload, payloadSchema, realGithubDelivery } from './listen-payload.js';

const here = dirname(fileURLToPath(import.meta.url));
export const CONNECTIONS = 32;

/** A scratch directory, and a tmpfs one for --save when the machine has /dev/shm (BENCH_TMPFS). */
export function makeWorkDirs() {
  const work = mkdtempSync(join(tmpdir(), 'bench-listen-'));
  const shm = process.env.BENCH_TMPFS ?? (existsSync('/dev/shm') ? '/dev/shm' : null);
  const tmpfs = shm ? mkdtempSync(join(shm, 'bench-listen-')) : null;
  return { work, tmpfs };
}

/**
 * `synthetic`: the compact 15 KB payload of small objects against bench/listen-payload.js's schema
 * (two `pattern`s, one on each of its 63 items). `real`: GitHub's issues.opened example,
 * pretty-printed, with GitHub's headers, against `--schema github`.
 */
export function benchPayloads(work) {
  const schemaFile = join(work, 'payload.schema.json');
  writeFileSync(schemaFile, JSON.stringify(payloadSchema));
  const real = realGithubDelivery();
  return {
    synthetic: {
      body: makePayload(),
      headers: { 'content-type': 'application/json', 'x-github-event': 'bench' },
      schema: ['--schema', schemaFile],
    },
    real: { body: real.body, headers: real.headers, schema: ['--schema', 'github'] },
  };
}

/** Listen's configurations: each adds to `listen -p 0 --json <schema>`; `save` says where --save goes. */
export const CONFIGURATIONS = {
  json: { label: '--json --schema', args: [] },
  ui: { label: '--json --schema --ui', args: ['--ui', '--ui-port', '0'] },
  saveTmpfs: { label: '--json --schema --save (tmpfs)', args: [], save: 'tmpfs' },
  saveDisk: { label: '--json --schema --save (disk)', args: [], save: 'disk' },
};

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Starts a child and resolves with { child, url, stderr } once it prints its port or ready line. */
export function startChild(args, { stdoutFile, readyPattern, fromStdout }) {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(process.execPath, args, { stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') closeSync(out);
  let stderr = '';
  return new Promise((resolve, reject) => {
    const stream = fromStdout ? child.stdout : child.stderr;
    let text = '';
    const onData = (data) => {
      text += data.toString();
      const match = readyPattern.exec(text);
      if (match) {
        stream.off('data', onData);
        resolve({ child, url: match[1], stderr: () => stderr + text });
      }
    };
    stream.on('data', onData);
    if (!fromStdout) child.stderr.on('data', (data) => (stderr += data.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}${text}`)));
  });
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export function load(url, payload, duration) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: payload.headers,
    body: payload.body,
  });
}

/** CPU time (user + system, all threads) the process has used, in microseconds; null off Linux. */
export function cpuMicros(pid) {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // clock ticks of 10 ms
}

/** A 2 s warm-up, then the measured load: req/s, the server's CPU per request, and what failed. */
export async function measure(url, pid, payload, seconds) {
  await load(url, payload, 2);
  const before = cpuMicros(pid);
  const result = await load(url, payload, seconds);
  const after = cpuMicros(pid);
  const requests = result['2xx'] + result.non2xx;
  return {
    rps: result.requests.average,
    cpuPerRequest: before === null || requests === 0 ? null : (after - before) / requests,
    ok: result['2xx'],
    bad: result.non2xx + result.errors,
  };
}

/** The ceiling: bench/listen-bare-server.js (reads the body, JSON.parses it, answers 200). */
export async function measureBare(payload, seconds) {
  const { child, url } = await startChild([join(here, 'listen-bare-server.js')], {
    readyPattern: /^(\d+)\n/,
    fromStdout: true,
  });
  try {
    return await measure(`http://127.0.0.1:${url}/`, child.pid, payload, seconds);
  } finally {
    await stopChild(child);
  }
}

/**
 * `<root>/bin/webhook-cli.js listen -p 0 --json <schema> <args>` under load, stdout to `stdoutFile`.
 * Resolves with the measurement, the listener's exit code and its stderr (after it stopped).
 */
export async function measureListen(root, payload, args, { stdoutFile, seconds }) {
  const bin = join(root, 'bin', 'webhook-cli.js');
  const { child, url, stderr } = await startChild(
    [bin, 'listen', '-p', '0', '--json', ...payload.schema, ...args],
    {
      stdoutFile,
      readyPattern: /Listening on (http:\/\/\S+)/,
    },
  );
  try {
    const measured = await measure(url, child.pid, payload, seconds);
    const code = await stopChild(child);
    return { ...measured, code, stderr: stderr() };
  } finally {
    await stopChild(child);
  }
}

export function formatMicros(value) {
  return value === null || value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} µs`;
}
