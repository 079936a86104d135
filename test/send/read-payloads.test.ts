import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PayloadItem, readPayloads } from '../../src/send/read-payloads.js';

let dir: string;
const options = () => ({ cwd: dir, stdin: Readable.from([]) });

/** 600 raw payloads (more than two of the walk's batches), with a JSON Lines file among them. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webhook-cli-read-'));
  await mkdir(join(dir, 'many'));
  for (let n = 1; n <= 600; n += 1) {
    await writeFile(join(dir, 'many', `${String(n).padStart(4, '0')}.json`), `{"n":${n}}`);
  }
  await writeFile(join(dir, 'many', '0300.5.jsonl'), '{"line":1}\n{"line":2}\n');
});

// In name order, '0300.5.jsonl' comes before '0300.json'.
const expected = [
  ...Array.from({ length: 299 }, (_, i) => `many/${String(i + 1).padStart(4, '0')}.json`),
  'many/0300.5.jsonl:1',
  'many/0300.5.jsonl:2',
  ...Array.from({ length: 301 }, (_, i) => `many/${String(i + 300).padStart(4, '0')}.json`),
  'missing.json',
];

describe('readPayloads', () => {
  it('hands out every input once, in order, across batches and nested inputs', async () => {
    const reader = readPayloads(['many', 'missing.json'], options());
    const seen: PayloadItem[] = [];
    for (let next = await reader.next(); !next.done; next = await reader.next()) seen.push(next.value);
    expect(seen.map((item) => item.input)).toEqual(expected);
    expect(seen.at(-1)).toMatchObject({ kind: 'bad', message: 'no such file or directory' });
    expect(String((seen[0] as { body: Buffer }).body)).toBe('{"n":1}');
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it('gives each of many concurrent callers its own item, none twice and none lost', async () => {
    const reader = readPayloads(['many', 'missing.json'], options());
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let next = await reader.next(); !next.done; next = await reader.next()) {
          seen.push(next.value.input);
        }
      }),
    );
    expect(seen).toHaveLength(expected.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
