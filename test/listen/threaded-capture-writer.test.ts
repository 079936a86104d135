import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Capture } from '../../src/capture/capture.js';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { openThreadedCaptureWriter as openWith } from '../../src/listen/open-threaded-capture-writer.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('threaded-capture-');
// The thread runs the built script (test/helpers/global-setup.ts builds): from the TypeScript
// sources the writer would fall back to writing on this thread.
const builtWorker = new URL('../../dist/listen/capture-worker.js', import.meta.url);
const openThreadedCaptureWriter = (dir: string, script = builtWorker) => openWith(dir, script);

function capture(sequence: number, body: Buffer): Capture {
  return {
    id: `20261201T120000000Z-${String(sequence).padStart(6, '0')}-abcd`,
    receivedAt: '2026-12-01T12:00:00.000Z',
    method: 'POST',
    path: `/hooks/${sequence}`,
    headers: [
      ['Host', '127.0.0.1:9876'],
      ['X-Sequence', String(sequence)],
    ],
    body,
  };
}

describe('the capture writer thread (built)', () => {
  it('writes many captures asked for at once, each whole, mode 0600, byte for byte', async () => {
    const dir = tree({});
    const writer = await openThreadedCaptureWriter(dir);
    const bodies = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0 ? randomBytes(i * 100) : Buffer.from(JSON.stringify({ i, text: 'é"\\\n'.repeat(i) })),
    );
    const paths = await Promise.all(bodies.map((body, i) => writer.write(capture(i + 1, body))));
    await writer.close();
    expect(new Set(paths).size).toBe(40);
    expect((await readdir(dir)).sort()).toEqual(paths.map((path) => path.slice(dir.length + 1)).sort());
    for (const [i, path] of paths.entries()) {
      expect(path).toBe(join(dir, `${capture(i + 1, Buffer.alloc(0)).id}.json`));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const back = await readCaptureFile(path);
      expect(back.body.equals(bodies[i] as Buffer)).toBe(true);
      expect(back.headers).toEqual(capture(i + 1, Buffer.alloc(0)).headers);
    }
  });

  it('fails only the capture that cannot be written, with its error code, and keeps writing', async () => {
    const dir = tree({});
    const writer = await openThreadedCaptureWriter(dir);
    // A directory where the second capture's file would go makes its rename fail.
    mkdirSync(join(dir, `${capture(2, Buffer.alloc(0)).id}.json`));
    writeFileSync(join(dir, `${capture(2, Buffer.alloc(0)).id}.json`, 'keep'), 'x');
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) => writer.write(capture(n, Buffer.from(`{"n":${n}}`)))),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason as NodeJS.ErrnoException;
    expect(['EISDIR', 'ENOTEMPTY', 'EEXIST']).toContain(failure.code);
    expect(await writer.write(capture(4, Buffer.from('{}')))).toBe(
      join(dir, `${capture(4, Buffer.alloc(0)).id}.json`),
    );
    await writer.close();
    expect((await readdir(dir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('finishes the writes already asked for when it is closed', async () => {
    const dir = tree({});
    const writer = await openThreadedCaptureWriter(dir);
    const writes = [1, 2, 3].map((n) => writer.write(capture(n, Buffer.from(`{"n":${n}}`))));
    await writer.close();
    const paths = await Promise.all(writes);
    expect((await readdir(dir)).sort()).toEqual(paths.map((path) => path.slice(dir.length + 1)).sort());
  });
});

describe('the capture writer thread stopping', () => {
  it('fails the captures it had, then saves the next ones on the listener thread', async () => {
    const dir = tree({});
    const writer = await openThreadedCaptureWriter(
      dir,
      new URL('../fixtures/capture-worker/exits-on-first-capture.js', import.meta.url),
    );
    const lost = await Promise.allSettled([1, 2].map((n) => writer.write(capture(n, Buffer.from('{}')))));
    expect(lost.map((result) => (result as PromiseRejectedResult).reason?.message)).toEqual([
      'the capture writer thread stopped (exit code 3)',
      'the capture writer thread stopped (exit code 3)',
    ]);
    const path = await writer.write(capture(3, Buffer.from('{"after":"the crash"}')));
    expect((await readCaptureFile(path)).body.toString()).toBe('{"after":"the crash"}');
    await writer.close();
  });
});
