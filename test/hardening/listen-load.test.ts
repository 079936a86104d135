import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../helpers/test-deps.js';
import { startListen } from '../listen/listen-helpers.js';
import {
  captureValidator,
  exposeGc,
  LineStream,
  rawJsonBody,
  settledMemory,
  sha256,
} from './listen-helpers.js';

const DELIVERIES = 5_000;
const CONNECTIONS = 32;
const MB = 1024 * 1024;

/** Body `index`: one of three kinds, random content and size, unique (the index is in it). */
function makeBody(index: number): { body: Buffer; type?: string } {
  const size = randomInt(16, 2048);
  switch (index % 3) {
    case 0: // one-line JSON: --json copies it byte for byte
      return {
        body: Buffer.from(
          JSON.stringify({ type: 'load.test', i: index, pad: randomBytes(size).toString('base64') }),
        ),
        type: 'application/json',
      };
    case 1: // bytes that are not UTF-8 (saved as base64)
      return {
        body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(String(index)), randomBytes(size)]),
      };
    default: // text with line breaks and non-ASCII
      return {
        body: Buffer.from(`#${index} ✔ ${randomBytes(size).toString('hex')}\r\nline two\n`),
        type: 'text/plain; charset=utf-8',
      };
  }
}

/** Sends every body over a keep-alive pool of CONNECTIONS connections, CONNECTIONS at a time. */
async function sendAll(url: string, count: number, sent: Set<string>): Promise<number[]> {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 30_000 });
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const { body, type } = makeBody(index);
      sent.add(sha256(body));
      const response = await pool.request({
        path: `/load/${index}`,
        method: 'POST',
        headers: type ? { 'content-type': type } : {},
        body,
      });
      await response.body.dump();
      statuses.push(response.statusCode);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  } finally {
    await pool.close();
  }
  return statuses;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('listen under load (--save --json)', () => {
  it(`keeps ${DELIVERIES} deliveries over ${CONNECTIONS} connections: every capture valid and byte-exact, one NDJSON line each, memory flat`, async () => {
    const gc = exposeGc();
    // A short run first, so that modules, JIT code and the pool's buffers exist before measuring.
    const warmDir = await mkdtemp(join(tmpdir(), 'listen-load-warm-'));
    dirs.push(warmDir);
    const warm = await startListen(['--save', warmDir, '--json', '--max-events', '200'], {
      ...createTestDeps(),
      stdout: new LineStream(() => {}),
    });
    await sendAll(warm.url, 200, new Set());
    expect((await warm.done).code).toBe(0);

    const dir = await mkdtemp(join(tmpdir(), 'listen-load-'));
    dirs.push(dir);
    const lines: Array<{ savedTo: string; id: string; bodySha: string }> = [];
    const stdout = new LineStream((line) => {
      const json = JSON.parse(line.toString('utf8'));
      const bytes =
        json.encoding === 'json'
          ? rawJsonBody(line)
          : json.encoding === 'base64'
            ? Buffer.from(json.body, 'base64')
            : Buffer.from(json.body, 'utf8');
      lines.push({ savedTo: json.savedTo, id: json.id, bodySha: sha256(bytes) });
    });
    const deps = { ...createTestDeps(), stdout };
    const before = settledMemory(gc);
    const listener = await startListen(['--save', dir, '--json', '--max-events', String(DELIVERIES)], deps);
    const sent = new Set<string>();
    const statuses = await sendAll(listener.url, DELIVERIES, sent);
    const result = await listener.done;
    const after = settledMemory(gc);

    expect(result.code).toBe(0);
    expect(statuses.filter((status) => status === 200)).toHaveLength(DELIVERIES);
    expect(sent.size).toBe(DELIVERIES);
    expect(result.stderr).toContain(`: ${DELIVERIES} deliveries`);
    expect(result.stderr).toContain(`saved      ${DELIVERIES} captures in ${dir}`);

    // Memory: the listener keeps nothing per delivery once it is answered, saved and printed. The
    // test itself keeps 5,000 hashes, ids and file names (about 1 MB of heap). Bodies live outside
    // the heap (arrayBuffers): 5,000 of them kept would be about 7 MB there, and each kept delivery
    // record (headers, decoded text) would add several KB of heap. RSS gets a looser bound: freed
    // memory that the allocator keeps for reuse shows there (20-30 MB here), but does not grow with
    // the number of deliveries.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * MB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(2 * MB);
    expect(after.rss - before.rss).toBeLessThan(64 * MB);

    // Exactly one NDJSON line per delivery, each pointing at its own capture, bodies byte-exact.
    expect(stdout.count).toBe(DELIVERIES);
    expect(new Set(lines.map((line) => line.id)).size).toBe(DELIVERIES);
    expect(new Set(lines.map((line) => line.savedTo)).size).toBe(DELIVERIES);
    expect(new Set(lines.map((line) => line.bodySha))).toEqual(sent);

    // Exactly one capture per delivery: valid against the published schema, sha256 of the body
    // bytes equal to one that was sent, no two alike, and nothing left half-written.
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(DELIVERIES);
    expect(names.every((name) => /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{4}\.json$/.test(name))).toBe(true);
    expect(new Set(lines.map((line) => line.savedTo))).toEqual(new Set(names.map((name) => join(dir, name))));
    const validate = await captureValidator();
    const saved = new Set<string>();
    const ids = new Set<string>();
    // Read in batches: thousands of small files, the disk's latency overlapped.
    for (let start = 0; start < names.length; start += 64) {
      const batch = names.slice(start, start + 64);
      const texts = await Promise.all(batch.map((name) => readFile(join(dir, name), 'utf8')));
      texts.forEach((text, index) => {
        const document = JSON.parse(text);
        expect(validate(document), batch[index]).toBeNull();
        expect(sha256(Buffer.from(document.body.data, document.body.encoding))).toBe(document.sha256);
        saved.add(document.sha256);
        ids.add(document.id);
      });
    }
    expect(saved).toEqual(sent);
    expect(ids.size).toBe(DELIVERIES);
    // 5,000 deliveries take 5–10 s on an idle 2-core machine and near 20 s on a loaded one.
  }, 60_000);
});
