// send: throughput against a bare node:http sink compared with autocannon (the client-side
// ceiling for Node) and with a shell loop of curl; peak memory over 100,000 payloads.
// Usage: npm run bench -- send   (SEND_BENCH_RUNS=3, SEND_BENCH_BIG=100000 to change the sizes)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { payloadOf, writePayloads } from './send-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'webhook-cli.js');
const RUNS = Number(process.env.SEND_BENCH_RUNS ?? 3);
const COUNT = 10_000;
const SIZE = 15 * 1024;
const CONNECTIONS = 32;
const CURL_FILES = 200;
const BIG = Number(process.env.SEND_BENCH_BIG ?? 100_000);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function startSink() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'send-sink.js')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (data) =>
      resolve({ child, url: `http://127.0.0.1:${String(data).trim()}/hook` }),
    );
    child.once('error', reject);
  });
}

/**
 * Runs send as its own process. Returns the whole process's wall time, and the in-run rate send
 * reports in its summary (first payload to last, like autocannon's own figure, which also leaves
 * out process start-up).
 */
function timeSend(dir, url, extra = []) {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const args = [
    ...(timed ? ['-f', 'CPU %U %S', process.execPath] : []),
    cli,
    'send',
    dir,
    '--to',
    url,
    ...extra,
  ];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const stderr = String(result.stderr);
  if (result.status !== 0) throw new Error(`send exited ${result.status}: ${stderr.slice(-500)}`);
  const inRun = /\((\d+(?:\.\d+)?) payloads\/s\)/.exec(stderr);
  const cpu = /CPU (\d+\.\d+) (\d+\.\d+)/.exec(stderr);
  return {
    seconds,
    inRunRate: Number(inRun?.[1]),
    cpuPerRequestUs: cpu ? ((Number(cpu[1]) + Number(cpu[2])) * 1e6) / COUNT : Number.NaN,
  };
}

/**
 * autocannon's requests per second against the same sink with the same connections and body.
 * Duration mode: with `amount`, autocannon only notices it is done at its next one-second tick,
 * which makes its own figure for 10,000 requests anything from 5,000 to 10,000 req/s.
 */
async function autocannonRate(url, body, seconds = 5) {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    body,
    headers: { 'content-type': 'application/json' },
  });
  const used = process.cpuUsage(cpu);
  if (result.non2xx || result.errors)
    throw new Error(`autocannon saw ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rate: result.requests.total / result.duration,
    cpuPerRequestUs: (used.user + used.system) / result.requests.total,
  };
}

/**
 * The ceiling for any client built on undici (as send must be): 32 workers dispatching the same
 * in-memory body over one Agent, nothing else. Runs in this process, like autocannon.
 */
async function undiciRate(url, body, count = COUNT) {
  const { Agent } = await import('undici');
  const agent = new Agent({ connections: CONNECTIONS });
  const { origin, pathname } = new URL(url);
  const bytes = Buffer.from(body);
  let started = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (started < count) {
      started += 1;
      const response = await agent.request({
        origin,
        path: pathname,
        method: 'POST',
        headers: ['content-type', 'application/json'],
        body: bytes,
      });
      await response.body.dump();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await agent.close();
  return count / seconds;
}

/** Peak RSS of a child in MB: /usr/bin/time -v when present, else the child's own resourceUsage. */
function peakRss(args) {
  if (existsSync('/usr/bin/time')) {
    const result = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(String(result.stderr));
    if (!match) throw new Error(`no RSS in /usr/bin/time output (exit ${result.status})`);
    const last = String(result.stderr)
      .split('\n')
      .find((line) => line.startsWith('webhook-cli:') || line.startsWith('delivered'));
    return { mb: Number(match[1]) / 1024, status: result.status, via: '/usr/bin/time -v', last };
  }
  const script = `process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'));await import(${JSON.stringify(cli)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const match = /MAXRSS (\d+)/.exec(String(result.stderr));
  return { mb: Number(match?.[1]) / 1024, status: result.status, via: 'process.resourceUsage().maxRSS' };
}

const work = mkdtempSync(join(tmpdir(), 'send-bench-'));
const sink = await startSink();
try {
  const small = join(work, 'payloads');
  writePayloads(small, COUNT, SIZE);
  const body = payloadOf(SIZE, 1);
  console.error(`${COUNT} payloads of ${SIZE} bytes, ${RUNS} runs each, sink ${sink.url}`);

  // Warm-up of both clients (page cache, JIT of the sink).
  timeSend(small, sink.url, ['--concurrency', String(CONNECTIONS)]);
  await autocannonRate(sink.url, body);

  // Interleaved, so that load from anything else on the machine hits both alike.
  const sendRates = [];
  const sendInRunRates = [];
  const sendCpu = [];
  const cannonRates = [];
  const cannonCpu = [];
  for (let run = 0; run < RUNS; run += 1) {
    const measured = timeSend(small, sink.url, ['--concurrency', String(CONNECTIONS)]);
    sendRates.push(COUNT / measured.seconds);
    sendInRunRates.push(measured.inRunRate);
    sendCpu.push(measured.cpuPerRequestUs);
    const cannon = await autocannonRate(sink.url, body);
    cannonRates.push(cannon.rate);
    cannonCpu.push(cannon.cpuPerRequestUs);
    console.error(
      `  run ${run + 1}: send ${Math.round(measured.inRunRate)} req/s in-run (${Math.round(COUNT / measured.seconds)} whole process, ${Math.round(measured.cpuPerRequestUs)} µs CPU/request); autocannon ${Math.round(cannon.rate)} req/s (${Math.round(cannon.cpuPerRequestUs)} µs CPU/request)`,
    );
  }
  const sendRate = median(sendRates);
  const sendInRunRate = median(sendInRunRates);
  const cannonRate = median(cannonRates);
  const undiciRates = [];
  for (let run = 0; run < RUNS; run += 1) undiciRates.push(await undiciRate(sink.url, body));
  const undiciCeiling = median(undiciRates);

  let curlLine = 'curl not installed: skipped';
  let curlRatio;
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    const files = Array.from({ length: CURL_FILES }, (_, i) =>
      join(small, `${String(i + 1).padStart(6, '0')}.json`),
    );
    const loop = `for f in "$@"; do curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$f" '${sink.url}'; done`;
    const curlTimes = [];
    for (let run = 0; run < RUNS; run += 1) {
      const start = process.hrtime.bigint();
      execFileSync('bash', ['-c', loop, 'bash', ...files], { stdio: 'ignore' });
      curlTimes.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    const perRequest = median(curlTimes) / CURL_FILES;
    const scaled = perRequest * COUNT;
    const sendSeconds = COUNT / sendRate;
    curlRatio = scaled / sendSeconds;
    curlLine = `curl loop: ${(perRequest * 1000).toFixed(2)} ms/request over ${CURL_FILES} files, ${scaled.toFixed(1)} s scaled to ${COUNT}; send ${sendSeconds.toFixed(2)} s → ${curlRatio.toFixed(1)}x faster`;
  } catch (error) {
    curlLine = `curl loop failed: ${error.message}`;
  }

  // Peak memory over many payloads: a directory of BIG files of the same 15 KB.
  const big = join(work, 'many');
  writePayloads(big, BIG, SIZE);
  const rss = peakRss(['send', big, '--to', sink.url, '--concurrency', String(CONNECTIONS)]);

  const ratio = sendInRunRate / cannonRate;
  const lines = [
    `send --concurrency ${CONNECTIONS}: ${Math.round(sendInRunRate)} req/s in-run, ${Math.round(sendRate)} req/s whole process incl. start-up (medians of ${RUNS})`,
    `bare undici loop (same Agent settings and body, no files, no report): ${Math.round(undiciCeiling)} req/s → send at ${((sendInRunRate / undiciCeiling) * 100).toFixed(0)}% of it`,
    `CPU per request: send ${Math.round(median(sendCpu))} µs (whole process), autocannon ${Math.round(median(cannonCpu))} µs`,
    `autocannon -c ${CONNECTIONS} -d 5: ${Math.round(cannonRate)} req/s → send at ${(ratio * 100).toFixed(0)}% in-run, ${((sendRate / cannonRate) * 100).toFixed(0)}% whole process (target ≥ 50%)`,
    `${curlLine} (target ≥ 25x)`,
    `${BIG} payloads of 15 KB (one directory): peak RSS ${rss.mb.toFixed(0)} MB via ${rss.via}, exit ${rss.status} (target < 200 MB)${rss.last ? `; ${rss.last}` : ''}`,
  ];
  console.log(lines.join('\n'));
  const ok = ratio >= 0.5 && (curlRatio === undefined || curlRatio >= 25) && rss.mb < 200 && rss.status === 0;
  process.exitCode = ok ? 0 : 1;
} finally {
  sink.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
