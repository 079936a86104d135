#!/usr/bin/env node
// Where a `validate --schema github` run's time goes per file as the JIT warms up (#16): in one fresh
// process, the same 10,000 GitHub `issues` payloads as bench/validate.bench.js are read, parsed and
// validated through the built registry (validators from a warm validator cache), twice, timed per
// 1,000 files; then read and parsed only, the floor under any JSON.parse-based validator.
//   node bench/validate-warmup.js [runs]      (needs the build: npm run build)
import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './validate-corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHUNK = 1000;

if (process.argv[2] === '--measure') {
  const [, , , files, cacheDir] = process.argv;
  await measure(files, cacheDir);
} else {
  const runs = Number(process.argv[2] ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'validate-warmup-'));
  try {
    generateCorpus(join(work, 'files'), 10_000);
    const cacheDir = join(work, 'cache');
    // One CLI run fills the validator cache, as a user's first run would.
    spawnSync(
      process.execPath,
      [join(root, 'bin/webhook-cli.js'), 'validate', 'files', '--schema', 'github', '--event', 'issues'],
      { cwd: work, env: { ...process.env, WEBHOOK_CLI_CACHE_DIR: cacheDir }, stdio: 'ignore' },
    );
    for (let run = 1; run <= runs; run += 1) {
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--measure', join(work, 'files'), cacheDir],
        {
          encoding: 'utf8',
        },
      );
      process.stdout.write(`run ${run}\n${child.stdout}${child.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(dir, cacheDir) {
  const started = performance.now();
  const { loadSchemaRegistry } = await import(join(root, 'dist/schemas/load-schema-registry.js'));
  const { ValidatorCache } = await import(join(root, 'dist/schemas/validator-cache.js'));
  const registry = await loadSchemaRegistry(['github'], {
    cwd: dir,
    strict: false,
    maxFileBytes: 100 * 1024 * 1024,
    cache: new ValidatorCache(cacheDir, () => {}),
  });
  const files = [];
  for (const shard of readdirSync(dir).sort()) {
    for (const name of readdirSync(join(dir, shard)).sort()) files.push(join(dir, shard, name));
  }
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const read = (file) => {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      return buffer.toString('utf8', 0, readSync(fd, buffer, 0, size + 1, null));
    } finally {
      closeSync(fd);
    }
  };
  const validate = (body) => registry.validate({ body, headers: [], event: 'issues' }, { maxErrors: 100 });
  console.log(`  start (modules, registry, listing): ${(performance.now() - started).toFixed(0)} ms`);
  const pass = (label, check) => {
    const chunks = [];
    const begun = performance.now();
    for (let at = 0; at < files.length; at += CHUNK) {
      const chunkStart = performance.now();
      for (const file of files.slice(at, at + CHUNK)) check(file);
      chunks.push((performance.now() - chunkStart).toFixed(0));
    }
    const total = performance.now() - begun;
    console.log(
      `  ${label}: ${total.toFixed(0)} ms (${((total * 1000) / files.length).toFixed(1)} µs a file); ms per ${CHUNK}: ${chunks.join(' ')}`,
    );
  };
  pass('read + parse + validate, first pass', (file) => validate(JSON.parse(read(file))));
  pass('read + parse + validate, second pass', (file) => validate(JSON.parse(read(file))));
  pass('read + parse only', (file) => JSON.parse(read(file)));
}
