import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { runCli } from '../helpers/run-cli.js';
import { send, sendJson, startListen } from './listen-helpers.js';

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

describe('listen --save keeps its promises (issue 12)', () => {
  it('names each capture file after its id, the id shown in --json output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const listener = await startListen(['--save', dir, '--json', '--max-events', '3']);
    for (let i = 0; i < 3; i += 1) await sendJson(listener.url, { n: i });
    const result = await listener.done;
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; savedTo: string });
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(basename(line.savedTo)).toBe(`${line.id}.json`);
      expect((await readCaptureFile(line.savedTo)).id).toBe(line.id);
    }
    expect((await readdir(dir)).sort()).toEqual(lines.map((line) => `${line.id}.json`).sort());
  });

  it('removes only its own leftovers at start, and creates a missing directory mode 0700', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const dir = join(parent, 'new', 'captures');
    await mkdir(join(parent, 'new'));
    const first = await startListen(['--save', dir]);
    expect((await first.stop()).code).toBe(0);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);

    const torn = '.tmp-20260101T000000000Z-000001-dead.json';
    await writeFile(join(dir, torn), '{"half');
    await writeFile(join(dir, '.tmp-notes.txt'), 'mine');
    await mkdir(join(dir, '.tmp-build'));
    await writeFile(join(dir, '.tmp-build', 'out.o'), 'x');
    await writeFile(join(dir, '.tmp-old.json'), '{}');
    const second = await startListen(['--save', dir]);
    expect((await second.stop()).code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['.tmp-build', '.tmp-notes.txt', '.tmp-old.json']);
    expect(await readdir(join(dir, '.tmp-build'))).toEqual(['out.o']);
  });

  it('answers 503 when the capture cannot be written, and says why on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-save-'));
    const listener = await startListen(['--save', dir]);
    await rm(dir, { recursive: true });
    const answer = await sendJson(listener.url, { type: 'lost' });
    expect(answer.status).toBe(503);
    expect(answer.body.toString()).toBe(
      `webhook-cli: the delivery was not kept: cannot save the capture in ${dir}: no such file or directory\n`,
    );
    await listener.deps.stderr.waitFor('warning: cannot save');
    const result = await listener.stop();
    expect(result.stderr).toContain(
      `warning: cannot save the capture in ${dir}: no such file or directory\n`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('503');
    expect(result.code).toBe(1);
  });

  it('fails at start, exit 2, on a --save path that cannot be made (/proc/foo), instead of spinning', async () => {
    const result = await runCli(['listen', '-p', '0', '--save', '/proc/foo', '--timeout', '1s']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'webhook-cli: cannot save captures in /proc/foo: no such file or directory (choose a directory you can write to with --save)\n',
    );
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
