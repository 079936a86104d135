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
function timeSend(inputs, url, extra = [], count = COUNT) {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const args = [
    ...(timed ? ['-f', 'CPU %U %S', process.execPath] : []),
    cli,
    'send',
    ...[inputs].flat(),
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
    cpuPerRequestUs: cpu ? ((Number(cpu[1]) + Number(cpu[2])) * 1e6) / count : Number.NaN,
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
 * autocannon doing exactly what send is measured doing: a fresh process, 10,000 requests, timed
 * from the first to the last (bench/send-autocannon-once.js). Returns req/s.
 */
function autocannonOnceRate(url) {
  const out = execFileSync(process.execPath, [join(here, 'send-autocannon-once.js'), url, String(COUNT)], {
    encoding: 'utf8',
  });
  const [rate, cpu] = out.trim().split(' ').map(Number);
  return { rate, cpuPerRequestUs: cpu };
}

/**
 * The floors of any sender built on undici (as send must be), each its own process like send:
 * bench/send-minimal-loop.js reading each file on the main thread, from memory (no file reads),
 * and with a reader thread. Returns req/s.
 */
function minimalLoopRate(dir, url, mode) {
  const out = execFileSync(process.execPath, [join(here, 'send-minimal-loop.js'), dir, url, mode], {
    encoding: 'utf8',
  });
  const match = /: (\d+) req\/s, (\d+) µs/.exec(out);
  if (!match) throw new Error(`unexpected output from send-minimal-loop.js: ${out}`);
  return { rate: Number(match[1]), cpuPerRequestUs: Number(match[2]) };
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
  const last = String(result.stderr)
    .split('\n')
    .find((line) => line.startsWith('delivered'));
  return {
    mb: Number(match?.[1]) / 1024,
    status: result.status,
    via: 'process.resourceUsage().maxRSS',
    last,
  };
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
  const onceRates = [];
  // send warmed up: the same 10,000 files three times over in one process. The payloads after the
  // first 10,000 over the extra time they took is send's rate once its code is warm, as autocannon's
  // is over 5 s.
  const tripleSeconds = [];
  const MODES = ['files', 'memory', 'reader-thread'];
  const loops = Object.fromEntries(MODES.map((mode) => [mode, []]));
  for (let run = 0; run < RUNS; run += 1) {
    const measured = timeSend(small, sink.url, ['--concurrency', String(CONNECTIONS)]);
    sendRates.push(COUNT / measured.seconds);
    sendInRunRates.push(measured.inRunRate);
    sendCpu.push(measured.cpuPerRequestUs);
    const cannon = await autocannonRate(sink.url, body);
    cannonRates.push(cannon.rate);
    cannonCpu.push(cannon.cpuPerRequestUs);
    const once = autocannonOnceRate(sink.url);
    onceRates.push(once.rate);
    const triple = timeSend(
      [small, small, small],
      sink.url,
      ['--concurrency', String(CONNECTIONS)],
      3 * COUNT,
    );
    tripleSeconds.push((3 * COUNT) / triple.inRunRate);
    console.error(
      `  run ${run + 1}: send ${Math.round(measured.inRunRate)} req/s in-run (${Math.round(COUNT / measured.seconds)} whole process, ${Math.round(measured.cpuPerRequestUs)} µs CPU/request); autocannon ${Math.round(cannon.rate)} req/s over 5 s (${Math.round(cannon.cpuPerRequestUs)} µs CPU/request), ${once.rate} req/s for ${COUNT} from a fresh process; send over ${3 * COUNT}: ${Math.round(triple.inRunRate)} req/s`,
    );
    for (const mode of MODES) loops[mode].push(minimalLoopRate(small, sink.url, mode));
    console.error(
      `         minimal loops: ${MODES.map((mode) => `${mode} ${loops[mode].at(-1).rate}`).join(', ')} req/s`,
    );
  }
  const sendRate = median(sendRates);
  const sendInRunRate = median(sendInRunRates);
  const cannonRate = median(cannonRates);
  const onceRate = median(onceRates);
  const warmRate = (2 * COUNT) / (median(tripleSeconds) - COUNT / sendInRunRate);
  const loopLine = (mode) => {
    const rate = median(loops[mode].map((loop) => loop.rate));
    const cpu = median(loops[mode].map((loop) => loop.cpuPerRequestUs));
    return `  ${mode}: ${rate} req/s (${((rate / cannonRate) * 100).toFixed(0)}% of autocannon), ${cpu} µs CPU/request`;
  };

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

  // The same work on both sides: 10,000 requests from a fresh process each (JIT warm-up included),
  // and both warmed up (send's payloads 10,001 to 30,000, autocannon over 5 s).
  const sameWork = sendInRunRate / onceRate;
  const warm = warmRate / cannonRate;
  const coldAgainstWarm = sendInRunRate / cannonRate;
  const percent = (value) => `${(value * 100).toFixed(0)}%`;
  const lines = [
    `send --concurrency ${CONNECTIONS}: ${Math.round(sendInRunRate)} req/s in-run, ${Math.round(sendRate)} req/s whole process incl. start-up (medians of ${RUNS})`,
    'bare undici loops (bench/send-minimal-loop.js: 32 workers, one Agent, no output), medians:',
    ...MODES.map(loopLine),
    `CPU per request: send ${Math.round(median(sendCpu))} µs (whole process), autocannon ${Math.round(median(cannonCpu))} µs`,
    'send against autocannon -c 32, same sink and body (target ≥ 50%):',
    `  ${COUNT} requests each, fresh processes: send ${Math.round(sendInRunRate)}, autocannon ${Math.round(onceRate)} req/s → ${percent(sameWork)}`,
    `  both warm: send's payloads ${COUNT + 1} to ${3 * COUNT} ${Math.round(warmRate)}, autocannon over 5 s ${Math.round(cannonRate)} req/s → ${percent(warm)}`,
    `  send's first ${COUNT} against autocannon warm: ${percent(coldAgainstWarm)} in-run, ${percent(sendRate / cannonRate)} whole process`,
    `${curlLine} (target ≥ 25x)`,
    `${BIG} payloads of 15 KB (one directory): peak RSS ${rss.mb.toFixed(0)} MB via ${rss.via}, exit ${rss.status} (target < 200 MB)${rss.last ? `; ${rss.last}` : ''}`,
  ];
  console.log(lines.join('\n'));
  const ok =
    sameWork >= 0.5 &&
    warm >= 0.5 &&
    (curlRatio === undefined || curlRatio >= 25) &&
    rss.mb < 200 &&
    rss.status === 0;
  process.exitCode = ok ? 0 : 1;
} finally {
  sink.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
