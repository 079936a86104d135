// validate vs ajv-cli 5 on 10,000 GitHub `issues` payloads of ~15 KB (see bench/validate-corpus.js).
// Runs each command several times, alternating, and prints medians and ratios; figures go into
// BENCHMARKS.md. Usage: node bench/validate.bench.js [--runs 5] [--keep] [--skip-many]
// webhook-cli keeps its compiled validators in a cache directory made for the run: one warm-up run
// of each command fills it, so the measured runs load them (the `--no-cache` rows compile).
// Needs the build (npm run bench builds first) and /usr/bin/time for peak memory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, writeUnionSchema } from './validate-corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin/webhook-cli.js');
const ajv = join(root, 'node_modules/.bin/ajv');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const hasTime = existsSync('/usr/bin/time');
const cpuTime = hasTime;

const work = mkdtempSync(join(tmpdir(), 'validate-bench-'));
console.error(`corpus in ${work}`);
const { invalid } = generateCorpus(join(work, 'files'), 10_000);
writeUnionSchema(join(work, 'issues-union.schema.json'));
writeFileSync(join(work, 'small.json'), JSON.stringify({ event: 'ping', data: { id: 1 } }));
writeFileSync(join(work, 'small.schema.json'), JSON.stringify({ required: ['event', 'data'] }));
process.env.WEBHOOK_CLI_CACHE_DIR = join(work, 'cache');

/** Runs a command in `work`; returns wall milliseconds, peak RSS in MB (when /usr/bin/time exists) and output. */
function measure(command, argv, env = {}) {
  const full = hasTime ? ['/usr/bin/time', ['-f', '%U %S %M', command, ...argv]] : [command, argv];
  const started = process.hrtime.bigint();
  const result = spawnSync(full[0], full[1], {
    cwd: work,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const lines = result.stderr.trimEnd().split('\n');
  const [user, system, rss] = hasTime ? lines.at(-1).split(' ').map(Number) : [];
  const rssMb = hasTime ? rss / 1024 : undefined;
  const cpuMs = hasTime ? (user + system) * 1000 : undefined;
  return { ms, rssMb, cpuMs, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const commands = {
  'ajv-cli, union': [
    ajv,
    [
      'validate',
      '-s',
      'issues-union.schema.json',
      '-d',
      'files/**/*.json',
      '-c',
      'ajv-formats',
      '--strict=false',
      '--all-errors',
    ],
  ],
  'webhook-cli, union': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'issues-union.schema.json'],
  ],
  'webhook-cli, union --no-cache': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'issues-union.schema.json', '--no-cache'],
  ],
  // The same schemas as the union (ajv-cli's), one definition per payload.
  'webhook-cli, --schema github-community': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github-community', '--event', 'issues'],
  ],
  'webhook-cli, --schema github-community --no-cache': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github-community', '--event', 'issues', '--no-cache'],
  ],
  // GitHub's official description: other schemas (and verdicts), larger ones to compile.
  'webhook-cli, --schema github': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github', '--event', 'issues'],
  ],
  'webhook-cli, --schema github --no-cache': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github', '--event', 'issues', '--no-cache'],
  ],
  'webhook-cli, --schema github --threads 1': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github', '--event', 'issues', '--threads', '1'],
  ],
  'webhook-cli, --schema github --threads 2': [
    process.execPath,
    [cli, 'validate', 'files', '--schema', 'github', '--event', 'issues', '--threads', '2'],
  ],
  'ajv-cli, one small file': [
    ajv,
    [
      'validate',
      '-s',
      'small.schema.json',
      '-d',
      'small.json',
      '-c',
      'ajv-formats',
      '--strict=false',
      '--all-errors',
    ],
  ],
  'webhook-cli, one small file': [
    process.execPath,
    [cli, 'validate', 'small.json', '--schema', 'small.schema.json'],
  ],
  'webhook-cli, one small file --no-cache': [
    process.execPath,
    [cli, 'validate', 'small.json', '--schema', 'small.schema.json', '--no-cache'],
  ],
};

// Fills the validator cache (what any second run on a machine finds).
for (const [name, [command, argv]] of Object.entries(commands)) {
  if (name.startsWith('webhook-cli') && !name.includes('--no-cache')) measure(command, argv);
}

// A run of one small file takes a fifth of a second and moves by a quarter from one run to the
// next: those rows are measured SMALL_REPEATS times per run (still alternating), the rest once.
const SMALL_REPEATS = 7;
const results = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let run = 0; run < runs; run += 1) {
  for (let repeat = 0; repeat < SMALL_REPEATS; repeat += 1) {
    for (const [name, [command, argv, env]] of Object.entries(commands)) {
      const small = name.includes('small');
      if (!small && repeat > 0) continue;
      const result = measure(command, argv, env);
      results[name].push(result);
      if (!small || repeat === SMALL_REPEATS - 1) {
        console.error(
          `run ${run + 1} ${name}: ${result.ms.toFixed(0)} ms, ${result.rssMb?.toFixed(0)} MB, exit ${result.status}`,
        );
      }
    }
  }
}

// Same verdict for every file: ajv-cli prints "<file> valid|invalid"; webhook-cli --format json.
const ajvVerdicts = new Map();
const ajvOutput = results['ajv-cli, union'][0];
for (const line of `${ajvOutput.stdout}\n${ajvOutput.stderr}`.split('\n')) {
  const match = /^(\S+) (valid|invalid)$/.exec(line);
  if (match) ajvVerdicts.set(match[1], match[2] === 'valid');
}
const ours = JSON.parse(
  measure(process.execPath, [
    cli,
    'validate',
    'files',
    '--schema',
    'github-community',
    '--event',
    'issues',
    '--format',
    'json',
  ]).stdout,
);
let disagreements = 0;
for (const file of ours.files) if (ajvVerdicts.get(file.file) !== file.ok) disagreements += 1;
const expectedInvalid = invalid.size;

const row = (name) => {
  const ms = median(results[name].map((result) => result.ms));
  const rss = hasTime ? median(results[name].map((result) => result.rssMb)) : undefined;
  const cpu = cpuTime ? median(results[name].map((result) => result.cpuMs)) : undefined;
  return { name, ms, rss, cpu };
};
const table = Object.keys(commands).map(row);
const ajvUnion = table[0].ms;
const ajvSmall = table.find((entry) => entry.name === 'ajv-cli, one small file').ms;
const ajvUnionCpu = table[0].cpu;
const ajvSmallCpu = table.find((entry) => entry.name === 'ajv-cli, one small file').cpu;
console.log(
  `\n| command | median wall time | vs ajv-cli | median CPU (user+sys) | vs ajv-cli | median peak RSS |`,
);
console.log('|---|---|---|---|---|---|');
for (const entry of table) {
  const small = entry.name.includes('small');
  const base = small ? ajvSmall : ajvUnion;
  const baseCpu = small ? ajvSmallCpu : ajvUnionCpu;
  const cpu =
    entry.cpu === undefined
      ? 'n/a | n/a'
      : `${entry.cpu.toFixed(0)} ms | ${(baseCpu / entry.cpu).toFixed(2)}x`;
  console.log(
    `| ${entry.name} | ${entry.ms.toFixed(0)} ms | ${(base / entry.ms).toFixed(2)}x | ${cpu} | ${entry.rss ? `${entry.rss.toFixed(0)} MB` : 'n/a'} |`,
  );
}
console.log(
  `\nverdicts: ${ours.files.length} files, ${ajvVerdicts.size} judged by ajv-cli, ${disagreements} disagreements; ${ours.summary.invalid} invalid (${expectedInvalid} made invalid on purpose)`,
);

// 100,000 files: peak memory. Smaller payloads (~2 KB) keep the corpus at ~200 MB of disk.
rmSync(join(work, 'files'), { recursive: true, force: true });
if (args.includes('--skip-many')) {
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
generateCorpus(join(work, 'many'), 100_000, { targetBytes: 2_000 });
/** `webhook-cli validate many --schema github --event issues`, with more flags. */
const validateMany = (...more) =>
  measure(process.execPath, [cli, 'validate', 'many', '--schema', 'github', '--event', 'issues', ...more]);
const many = validateMany();
console.log(
  `100,000 files (~2 KB each), --schema github: ${(many.ms / 1000).toFixed(1)} s, peak RSS ${many.rssMb?.toFixed(0)} MB, ${many.stdout.trimEnd().split('\n').at(-1)}`,
);
// Each thread has its own heap and its own copy of the validators: both counts, whatever `auto` picks here.
for (const threads of ['1', '2']) {
  const run = validateMany('--threads', threads);
  console.log(
    `100,000 files, --threads ${threads}: ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.rssMb?.toFixed(0)} MB`,
  );
}
const manyJson = validateMany('--format', 'json', '-o', join(work, 'many.json'));
console.log(
  `100,000 files, --format json -o: ${(manyJson.ms / 1000).toFixed(1)} s, peak RSS ${manyJson.rssMb?.toFixed(0)} MB`,
);
if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
