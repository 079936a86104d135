import { createHash } from 'node:crypto';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { runCli } from '../helpers/run-cli.js';
import { send, startListen } from './listen-helpers.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('listen --save', () => {
  it('writes each delivery as a 0600 capture with exactly the bytes and headers received', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const listener = await startListen(['--save', dir, '--max-events', '3']);
    expect(listener.deps.stderr.text()).toContain(`saving     to ${dir}`);
    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
    const gzipped = gzipSync(JSON.stringify({ type: 'compressed', n: 1 }));
    const text = Buffer.from('{"type":"ping"}\r\n  ');
    await send(`${listener.url}/a?x=1`, {
      method: 'POST',
      headers: ['Content-Type', 'application/json', 'X-Trace', 'one', 'x-trace', 'two'],
      body: invalidUtf8,
    });
    await send(`${listener.url}/b`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipped,
    });
    await send(`${listener.url}/c`, { method: 'POST', body: text });
    const result = await listener.done;
    expect(result.code).toBe(0);

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(3);
    const captures = await Promise.all(files.map((file) => readCaptureFile(join(dir, file))));
    expect(captures.map((capture) => sha256(capture.body))).toEqual(
      [invalidUtf8, gzipped, text].map((bytes) => sha256(bytes)),
    );
    expect(captures.map((capture) => [capture.method, capture.path])).toEqual([
      ['POST', '/a?x=1'],
      ['PUT', '/b'],
      ['POST', '/c'],
    ]);
    // Headers in the order and case received, duplicates kept.
    const traced = captures[0]?.headers.filter(([name]) => name.toLowerCase() === 'x-trace');
    expect(traced).toEqual([
      ['X-Trace', 'one'],
      ['x-trace', 'two'],
    ]);
    for (const file of files) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    // The file name of each capture is shown under its delivery, and the summary says where they are.
    for (const file of files) expect(result.stdout).toContain(`saved ${join(dir, file)}`);
    expect(result.stderr).toContain(`saved      3 captures in ${dir}`);
    // The gzip body was shown decoded.
    expect(result.stdout).toContain('"compressed"');
    expect(result.stdout).toMatch(/gzip: 47 B → 27 B/);
  });

  it('reports an unwritable --save directory before listening (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const result = await runCli(['listen', '-p', '0', '--save', join(file, 'captures')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `webhook-cli: cannot save captures in ${join(file, 'captures')}: not a directory (choose a directory you can write to with --save)\n`,
    );
    expect(result.stderr).not.toContain('Listening on');
  });

  it('saves a delivery that is still in flight when Ctrl-C arrives, then prints the summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const listener = await startListen(['--save', dir, '--delay', '50ms']);
    const pending = send(listener.url, { method: 'POST', body: '{"type":"late"}' });
    // The delivery is in flight once the listener has read it (the capture write starts first).
    await waitForFile(dir);
    listener.deps.signals.emit('SIGINT');
    const answer = await pending;
    const result = await listener.done;
    expect(answer.status).toBe(200);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Stopped \(Ctrl-C\) after .*: 1 delivery\n {2}events {5}late 1\n {2}saved {6}1 capture in /,
    );
    const [file] = await readdir(dir);
    expect((await readCaptureFile(join(dir, file as string))).body.toString()).toBe('{"type":"late"}');
  });
});

/** Resolves once `dir` has an entry (fs.watch: event-driven, no polling sleep). */
async function waitForFile(dir: string): Promise<void> {
  const { watch } = await import('node:fs');
  await new Promise<void>((resolve) => {
    const watcher = watch(dir, () => {
      watcher.close();
      resolve();
    });
    void readdir(dir).then((names) => {
      if (names.length > 0) {
        watcher.close();
        resolve();
      }
    });
  });
}
