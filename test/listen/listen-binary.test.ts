import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { send } from './listen-helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The built CLI as a real process: the capture writer runs on its worker thread only there
// (the test setup builds it when dist/ is older than src/).
describe('listen as a process (bin/webhook-cli.js, after npm run build)', () => {
  it('saves captures on its writer thread, byte for byte, and stops on SIGTERM with the summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    const child = spawn(process.execPath, [
      join(root, 'bin', 'webhook-cli.js'),
      'listen',
      '-p',
      '0',
      '--save',
      dir,
      '-q',
    ]);
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (data) => {
        stderr += data;
        const match = /Listening on (http:\/\/\S+)/.exec(stderr);
        if (match) resolve(match[1] as string);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    const bodies = [
      Buffer.from('{"type":"one"}'),
      Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      Buffer.from('x'.repeat(100_000)),
    ];
    for (const body of bodies) expect((await send(url, { method: 'POST', body })).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/Stopped \(SIGTERM\) after .*: 3 deliveries/);
    expect(stderr).toContain(`saved      3 captures in ${dir}`);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    const files = (await readdir(dir)).sort();
    const captures = await Promise.all(files.map((file) => readCaptureFile(join(dir, file))));
    expect(captures.map((capture) => sha256(capture.body))).toEqual(bodies.map(sha256));
  });
});
