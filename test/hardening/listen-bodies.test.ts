import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realClock } from '../../src/deps.js';
import { startListener } from '../../src/listen/start-listener.js';
import { scanJsonShape } from '../../src/output/delivery-json-shape.js';
import type { CliResult } from '../helpers/run-cli.js';
import { send, startListen } from '../listen/listen-helpers.js';
import { exposeGc, RAW_TERMINAL_CONTROL, rawJsonBody, settledMemory, sha256 } from './listen-helpers.js';

const MB = 1024 * 1024;

/**
 * Streams `total` bytes as a chunked body from a raw socket, honouring backpressure, until the
 * listener answers or closes. Samples heap use while sending. Resolves with the answer.
 */
function streamHuge(
  url: string,
  total: number,
  onProgress: () => void,
): Promise<{ answer: string; written: number }> {
  const { hostname, port } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  return new Promise((resolve) => {
    let answer = '';
    let written = 0;
    let stopped = false;
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /huge HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const pump = () => {
        while (!stopped && written < total) {
          written += chunk.length;
          onProgress();
          if (!socket.write(frame)) {
            socket.once('drain', pump);
            return;
          }
        }
        if (!stopped) socket.end('0\r\n\r\n');
      };
      pump();
    });
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      stopped = true;
    });
    socket.on('error', () => {
      stopped = true;
    });
    socket.on('close', () => resolve({ answer, written }));
  });
}

describe('listen: a body over --max-body', () => {
  for (const mode of ['text', 'json'] as const) {
    it(`answers 413 to 50 MB (streamed or declared) against a 1 MB cap without buffering it, and keeps serving (${mode})`, async () => {
      const gc = exposeGc();
      // Two 413s, then one delivery: only the delivery counts towards --max-events.
      const listener = await startListen([...(mode === 'json' ? ['--json'] : []), '--max-events', '1']);
      const before = settledMemory(gc);
      let peak = before.heapUsed;
      const streamed = await streamHuge(listener.url, 50 * MB, () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      });
      expect(streamed.answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(streamed.answer).toContain(
        "webhook-cli: the body is larger than the listener's --max-body (1048576 bytes)",
      );
      // The listener stopped reading soon after the cap: the sender never got near 50 MB out.
      expect(streamed.written).toBeLessThan(20 * MB);
      // Declared too large: refused before a byte of the body is read.
      const declared = await sendDeclared(listener.url, 50 * MB);
      expect(declared).toMatch(/^HTTP\/1\.1 413 /);
      const after = settledMemory(gc);
      // Heap use while 50 MB were on offer stays within a few MB of the cap, not of the attempt.
      expect(peak - before.heapUsed).toBeLessThan(16 * MB);
      expect(after.heapUsed - before.heapUsed).toBeLessThan(4 * MB);

      expect((await send(listener.url, { method: 'POST', body: '{"still":"serving"}' })).status).toBe(200);
      const result = await listener.done;
      const rejections = mode === 'json' ? result.stderr : result.stdout;
      expect(rejections).toMatch(/POST \/huge {2}✘ rejected 413: body larger than --max-body 1\.0 MB\n/);
      expect(rejections).toMatch(
        /POST \/declared {2}✘ rejected 413: body larger than --max-body 1\.0 MB \(50\.0 MB\)/,
      );
      expect(result.stderr).toContain('rejected   2 too large (413)');
      if (mode === 'json') expect(JSON.parse(result.stdout).body).toEqual({ still: 'serving' });
      expect(result.code).toBe(1);
    });
  }
});

/** Headers declaring `length` bytes, then a few bytes; resolves with the answer. */
function sendDeclared(url: string, length: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /declared HTTP/1.1\r\nHost: ${hostname}\r\nContent-Length: ${length}\r\n\r\n{"a":`);
    });
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
  });
}

interface Case {
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string | (() => AsyncIterable<Buffer>);
  /** What the text view must show for this delivery. */
  text: Array<string | RegExp>;
  /** Checks of the --json line (parsed, and the raw line). */
  json: (line: Record<string, unknown>, raw: Buffer) => void;
}

const generic = (event: string, data: unknown) => JSON.stringify({ event, data });
const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepPretty = `{\n  "event": "deep",\n  "data": { "x": ${deepArray} }\n}\n`;
const bigString = `{"event":"big","data":{"s":"${'x'.repeat(10 * MB)}"}}`;
const gzipped = '{\n  "event": "gzip",\n  "data": { "z": true }\n}\n';
const invalidUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
const proto =
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"event":"proto","data":{"__proto__":{"polluted":"yes"}}}';
const duplicate = '{"event":"first","event":"second","data":{"k":1,"k":2}}';
const json = { 'content-type': 'application/json' };
const sameBytes = (sent: string | Buffer) => (line: Record<string, unknown>, raw: Buffer) => {
  expect(line.encoding).toBe('json');
  expect(sha256(rawJsonBody(raw))).toBe(sha256(Buffer.from(sent)));
};

const CASES: Case[] = [
  {
    path: '/empty',
    headers: json,
    text: ['(empty body)', 'schema: the body is empty, not JSON'],
    json: (line) => {
      expect(line).toMatchObject({ size: 0, encoding: null, body: null });
      expect(line.validation).toEqual({
        schema: null,
        ok: false,
        errors: [{ pointer: '', message: 'the body is empty, not JSON' }],
      });
    },
  },
  {
    path: '/invalid-utf8',
    headers: json,
    body: invalidUtf8,
    text: ['binary, 6 B: 7b 22 ff fe 22 7d', 'schema: the body is binary, not JSON'],
    json: (line) => {
      expect(line).toMatchObject({ encoding: 'base64', body: invalidUtf8.toString('base64') });
      expect(line.validation).toMatchObject({
        ok: false,
        errors: [{ message: 'the body is binary, not JSON' }],
      });
    },
  },
  {
    path: '/chunked',
    headers: json,
    body: async function* () {
      yield Buffer.from('{"event":"chun');
      yield Buffer.from('ked","data":{"n":1}}');
    },
    text: [/chunked {2}\d+ B {2}✔ schema/, '"n": 1'],
    json: (line) => {
      expect(line.headers).toContainEqual(['transfer-encoding', 'chunked']);
      expect(line).toMatchObject({
        event: 'chunked',
        encoding: 'json',
        body: { event: 'chunked', data: { n: 1 } },
      });
      expect(line.validation).toMatchObject({ schema: 'generic', ok: true });
    },
  },
  {
    path: '/gzip',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: gzipSync(gzipped),
    text: [/gzip: \d+ B → 47 B/, /gzip {2}\d+ B {2}✔ schema/, '"z": true'],
    json: (line, raw) => {
      expect(line).toMatchObject({
        event: 'gzip',
        encoding: 'json',
        body: { event: 'gzip', data: { z: true } },
      });
      // The decoded source, on one line.
      expect(rawJsonBody(raw).toString()).toBe(gzipped.replace(/\n/g, ' '));
    },
  },
  {
    path: '/form',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'event=form&data=%E2%9C%94',
    text: ['event = form', 'data = ✔', 'schema: the body is a form without a JSON payload field, not JSON'],
    json: (line) => expect(line).toMatchObject({ encoding: 'utf8', body: 'event=form&data=%E2%9C%94' }),
  },
  {
    path: '/wrong-type',
    headers: { 'content-type': 'text/plain' },
    body: generic('typed.wrong', {}),
    text: ['{"event":"typed.wrong","data":{}}', 'schema: the body is text, not JSON'],
    json: (line) => {
      expect(line).toMatchObject({ encoding: 'utf8', body: generic('typed.wrong', {}) });
      expect(line.validation).toMatchObject({
        ok: false,
        errors: [{ message: 'the body is text, not JSON' }],
      });
    },
  },
  {
    path: '/not-json',
    headers: json,
    body: '<event>xml</event>',
    text: [/\(not valid JSON: Unexpected token/, /schema: the body is not valid JSON: Unexpected token/],
    json: (line) => {
      expect(line).toMatchObject({ encoding: 'utf8', body: '<event>xml</event>' });
      expect((line.validation as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(
        /^the body is not valid JSON: /,
      );
    },
  },
  {
    path: '/deep',
    headers: json,
    body: deepArray,
    text: ['(JSON nested 100000 levels deep, more than 64: printed as received)', '/ must be object', '[[[['],
    json: (line, raw) => {
      sameBytes(deepArray)(line, raw);
      expect(line.validation).toMatchObject({
        ok: false,
        errors: [{ pointer: '', message: 'must be object' }],
      });
    },
  },
  {
    path: '/deep-pretty',
    headers: json,
    body: deepPretty,
    text: [
      '(JSON nested 100002 levels deep, more than 64: printed as received)',
      /deep {2}\d+\.\d KB {2}✔ schema/,
    ],
    json: (line, raw) => {
      expect(line.event).toBe('deep');
      // Line breaks between tokens become spaces: one NDJSON line, the same JSON.
      expect(rawJsonBody(raw).toString()).toBe(deepPretty.replace(/\n/g, ' '));
    },
  },
  {
    path: '/big-string',
    headers: json,
    body: bigString,
    text: [/big {2}10\.0 MB {2}✔ schema/, /"s": "x{1990,}…/],
    json: sameBytes(bigString),
  },
  {
    path: '/proto',
    headers: json,
    body: proto,
    text: ['"__proto__": {', '"constructor": {', '"prototype": {', /proto {2}\d+ B {2}✔ schema/],
    json: (line, raw) => {
      sameBytes(proto)(line, raw);
      const body = line.body as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['__proto__', 'constructor', 'prototype', 'event', 'data']);
    },
  },
  {
    path: '/proto-gzip',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: gzipSync(proto),
    text: ['"__proto__": {', /proto {2}\d+ B {2}✔ schema/],
    json: (_line, raw) => expect(rawJsonBody(raw).toString()).toBe(proto),
  },
  {
    path: '/duplicate',
    headers: json,
    body: duplicate,
    text: [
      '(duplicate key "event" in /: the last value counts, as shown and validated)',
      '(duplicate key "k" in /data: the last value counts, as shown and validated)',
      /second {2}\d+ B {2}✔ schema/,
      '"k": 2',
    ],
    json: (line, raw) => {
      // Both keys, as received; the event is the value JSON.parse keeps.
      sameBytes(duplicate)(line, raw);
      expect(line.event).toBe('second');
    },
  },
];

async function sendCase(url: string, item: Case): Promise<number> {
  const body = typeof item.body === 'function' ? Readable.from(item.body()) : (item.body ?? null);
  const response = await request(`${url}${item.path}`, { method: 'POST', headers: item.headers ?? {}, body });
  await response.body.dump();
  return response.statusCode;
}

/** The text printed for each delivery, by path (each starts with its `hh:mm:ss  METHOD path` line). */
function blocksByPath(stdout: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of stdout.split(/\n(?=\d\d:\d\d:\d\d {2})/)) {
    const path = /^\d\d:\d\d:\d\d {2}POST (\S+)/.exec(block)?.[1];
    if (path) blocks.set(path, block);
  }
  return blocks;
}

describe('listen: hostile and unusual bodies, with --schema generic', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let text: CliResult;
  let ndjson: CliResult;

  beforeAll(async () => {
    const args = ['--schema', 'generic', '--max-body', '12mb', '--max-events', String(CASES.length)];
    const textListener = await startListen(args);
    const jsonListener = await startListen(['--json', ...args]);
    for (const item of CASES) {
      expect(await sendCase(textListener.url, item)).toBe(200);
      expect(await sendCase(jsonListener.url, item)).toBe(200);
    }
    [text, ndjson] = await Promise.all([textListener.done, jsonListener.done]);
  });

  afterAll(() => {
    // No prototype pollution: nothing was added to Object.prototype by parsing, printing or validating.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('prints every delivery in text, with a clear note for each oddity and nothing raw', () => {
    const blocks = blocksByPath(text.stdout);
    expect([...blocks.keys()]).toEqual(CASES.map((item) => item.path));
    for (const item of CASES) {
      const block = blocks.get(item.path) as string;
      for (const expected of item.text) {
        if (typeof expected === 'string') expect(block, item.path).toContain(expected);
        else expect(block, item.path).toMatch(expected);
      }
    }
    expect(text.stdout).not.toMatch(RAW_TERMINAL_CONTROL);
    expect(text.stderr).not.toMatch(RAW_TERMINAL_CONTROL);
    expect(text.stderr).toContain(`: ${CASES.length} deliveries`);
    expect(text.stderr).toContain('schema     7 valid, 1 invalid, 5 without a schema');
    // Invalid payloads were received: exit 1, as for any failed check.
    expect(text.code).toBe(1);
  });

  it('writes one --json line per delivery, with the body as received', () => {
    const raws = ndjson.stdout
      .slice(0, -1)
      .split('\n')
      .map((line) => Buffer.from(line));
    expect(raws).toHaveLength(CASES.length);
    CASES.forEach((item, index) => {
      const raw = raws[index] as Buffer;
      const line = JSON.parse(raw.toString()) as Record<string, unknown>;
      expect(line.path).toBe(item.path);
      item.json(line, raw);
    });
    expect(ndjson.stdout).not.toMatch(RAW_TERMINAL_CONTROL);
    expect(ndjson.stderr).not.toMatch(RAW_TERMINAL_CONTROL);
    expect(ndjson.code).toBe(1);
  });

  it('keeps Object.prototype untouched', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    for (const value of [{}, [], Object.create(null) ?? {}]) {
      expect((value as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('listen: a payload deeper than a validator can walk', () => {
  it('reports a recursive schema that overflows on 100,000 nested arrays as a failed check, and carries on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-deep-schema-'));
    try {
      // Each level of the payload is one level of recursion in the compiled validator.
      await writeFile(
        join(dir, 'tree.schema.json'),
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'array',
          items: { $ref: '#' },
        }),
      );
      const listener = await startListen(
        ['--schema', 'tree.schema.json', '--event', 'tree', '--max-events', '2'],
        {
          cwd: dir,
        },
      );
      expect((await send(listener.url, { method: 'POST', headers: json, body: deepArray })).status).toBe(200);
      expect((await send(listener.url, { method: 'POST', headers: json, body: '[[],[[]]]' })).status).toBe(
        200,
      );
      const result = await listener.done;
      expect(result.stdout).toMatch(
        /POST \/ {2}tree {2}195\.3 KB {2}✘ schema: not checked {2}→ 200\n {2}schema tree\.schema\.json: the payload is nested too deeply to check against this schema\n/,
      );
      expect(result.stdout).toMatch(/POST \/ {2}tree {2}9 B {2}✔ schema/);
      expect(result.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a subscriber that throws does not keep the delivery from the others or from --max-events', async () => {
    const errors: string[] = [];
    const listener = await startListener(
      {
        port: 0,
        host: '127.0.0.1',
        maxBody: 1024,
        maxDeliveries: 2,
        response: { statuses: [200], body: Buffer.alloc(0), headers: [], delayMs: 0, rejectInvalid: false },
        onSubscriberError: (error, delivery) => errors.push(`${delivery.path}: ${(error as Error).message}`),
      },
      { clock: realClock },
    );
    const seen: string[] = [];
    listener.onDelivery(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    listener.onDelivery((delivery) => seen.push(delivery.path));
    expect((await send(`${listener.url}/a`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await send(`${listener.url}/b`, { method: 'POST', body: '{}' })).status).toBe(200);
    await listener.limitReached;
    await listener.close();
    expect(seen).toEqual(['/a', '/b']);
    expect(errors).toEqual(['/a: Maximum call stack size exceeded', '/b: Maximum call stack size exceeded']);
  });
});

describe('scanJsonShape (what the text view notes about a JSON body)', () => {
  it('finds depth and duplicate keys with their object pointer, through escapes and nesting', () => {
    expect(scanJsonShape('1')).toEqual({ depth: 0, duplicates: [] });
    expect(scanJsonShape('{"a":[{"b":1}]}')).toEqual({ depth: 3, duplicates: [] });
    expect(scanJsonShape('{"k\\"":1,"k\\u0022":2,"x":"{\\"k\\":1}"}').duplicates).toEqual([
      { pointer: '', key: 'k"' },
    ]);
    expect(scanJsonShape('{"a/b":[0,{"~":{"z":1,"z":2}}]}').duplicates).toEqual([
      { pointer: '/a~1b/1/~0', key: 'z' },
    ]);
    expect(scanJsonShape(`[{"a":1,"a":2},{"a":3},${'{"b":1,"b":1},'.repeat(5)}0]`).duplicates).toHaveLength(
      3,
    );
    expect(scanJsonShape(deepArray).depth).toBe(100_000);
  });
});
