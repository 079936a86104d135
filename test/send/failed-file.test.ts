import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { FAILED_FILE_HEADER } from '../../src/inputs/failed-file-header.js';
import { openFailedFile } from '../../src/send/failed-file.js';
import type { BadInput, Payload } from '../../src/send/read-payloads.js';
import { tempTree } from '../helpers/temp-tree.js';
import { capture } from './fixtures.js';

const tree = tempTree('webhook-cli-failed-file-');

const raw: Payload = {
  kind: 'payload',
  input: 'a.json',
  method: 'POST',
  path: '/',
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from('{"a":1}'),
  reference: { path: '/in/a.json' },
};
const bad: BadInput = {
  kind: 'bad',
  input: 'b.jsonl:3',
  message: 'not valid JSON',
  reference: { path: '/in/b.jsonl', line: 3 },
};

describe('openFailedFile', () => {
  it('writes a header, payloads as captures and bad inputs as references; in place only on commit, mode 0600', async () => {
    const dir = tree({});
    const path = join(dir, 'failed.jsonl');
    const file = await openFailedFile(path, 'failed.jsonl');
    await file.add(raw, '503 Service Unavailable', '2026-01-01T00:00:00.000Z', [
      ['X-GitHub-Delivery', 'd-1'],
      ['content-type', 'text/plain'], // already there under another case: not added twice
    ]);
    await file.add(bad, 'not valid JSON', '2026-01-01T00:00:01.000Z');
    expect(readdirSync(dir).filter((name) => name === 'failed.jsonl')).toEqual([]);
    await file.commit();
    expect(readdirSync(dir)).toEqual(['failed.jsonl']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(FAILED_FILE_HEADER)).toBe(true);
    const [first, second] = text.slice(FAILED_FILE_HEADER.length).trimEnd().split('\n');
    const saved = parseCapture(first as string, 'line 1');
    expect(saved).toMatchObject({
      receivedAt: '2026-01-01T00:00:00.000Z',
      method: 'POST',
      path: '/',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Delivery', 'd-1'],
      ],
      meta: { notDelivered: { input: 'a.json', reason: '503 Service Unavailable' } },
    });
    expect(String(saved.body)).toBe('{"a":1}');
    expect(JSON.parse(second as string)).toEqual({
      $webhookCliInput: { path: '/in/b.jsonl', line: 3 },
      error: 'not valid JSON',
    });
  });

  it('keeps a capture’s own id, time and meta', async () => {
    const path = join(tree({}), 'failed.jsonl');
    const file = await openFailedFile(path);
    const original = capture({ id: 'cap_9', receivedAt: '2025-05-05T05:05:05.000Z', meta: { note: 'x' } });
    await file.add(
      { ...raw, capture: original, headers: original.headers, body: original.body },
      'timed out after 10s',
      '2026-01-01T00:00:00.000Z',
    );
    await file.commit();
    const line = readFileSync(path, 'utf8').slice(FAILED_FILE_HEADER.length).trimEnd();
    expect(parseCapture(line, 'line 1')).toMatchObject({
      id: 'cap_9',
      receivedAt: '2025-05-05T05:05:05.000Z',
      meta: { note: 'x', notDelivered: { input: 'a.json', reason: 'timed out after 10s' } },
    });
  });

  it('is empty when nothing was added (everything delivered)', async () => {
    const path = join(tree({ 'failed.jsonl': 'old contents\n' }), 'failed.jsonl');
    const file = await openFailedFile(path);
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('discard leaves the old file as it was and no temporary file behind', async () => {
    const dir = tree({ 'failed.jsonl': 'old contents\n' });
    const file = await openFailedFile(join(dir, 'failed.jsonl'));
    await file.add(bad, 'not valid JSON', '2026-01-01T00:00:00.000Z');
    await file.discard();
    expect(readdirSync(dir)).toEqual(['failed.jsonl']);
    expect(readFileSync(join(dir, 'failed.jsonl'), 'utf8')).toBe('old contents\n');
  });

  it('refuses a directory, anything but a regular file, and a missing directory, before anything is sent', async () => {
    const dir = tree({ 'target.jsonl': '' });
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'target.jsonl'), join(dir, 'link.jsonl'));
    await expect(openFailedFile(join(dir, 'sub'), 'sub')).rejects.toThrow(
      '--failed: cannot write sub: it is a directory',
    );
    await expect(openFailedFile(join(dir, 'link.jsonl'), 'link.jsonl')).rejects.toThrow(
      '--failed: cannot write link.jsonl: it is not a regular file',
    );
    await expect(openFailedFile(join(dir, 'nope', 'f.jsonl'), 'nope/f.jsonl')).rejects.toThrow(
      '--failed: cannot write nope/f.jsonl: no such file or directory',
    );
  });

  it('when the rename fails, says where the list was kept, and keeps it', async () => {
    const dir = tree({});
    const path = join(dir, 'failed.jsonl');
    const file = await openFailedFile(path, 'failed.jsonl');
    await file.add(bad, 'not valid JSON', '2026-01-01T00:00:00.000Z');
    mkdirSync(path); // the path became a directory meanwhile
    writeFileSync(join(path, 'inside'), '');
    const error = await file.commit().then(
      () => undefined,
      (caught: unknown) => caught as Error & { hint?: string },
    );
    expect(error?.message).toMatch(/^--failed: cannot write failed\.jsonl: /);
    const kept = /the list is in (.+)$/.exec(error?.hint ?? '')?.[1] as string;
    expect(readFileSync(kept, 'utf8')).toContain('"$webhookCliInput"');
    await file.discard(); // committed (or kept): nothing removed
    expect(readFileSync(kept, 'utf8')).toContain('"$webhookCliInput"');
  });
});
