import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startListen } from './listen-helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listen-ready-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function post(url: string, body: object): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('listen --ready-json', () => {
  it('prints {"type":"listening",...} as the first stdout line, then the delivery lines unchanged', async () => {
    const listener = await startListen(['--json', '--ready-json', '--path', '/hooks', '--max-events', '1']);
    const first = JSON.parse(await listener.deps.stdout.waitFor('\n'));
    expect(first).toEqual({
      type: 'listening',
      url: `${listener.url}/hooks`,
      host: '127.0.0.1',
      port: Number(new URL(listener.url).port),
    });
    await post(first.url, { object: 'event', type: 'invoice.paid' });
    const result = await listener.done;
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    // Only the ready line has a "type": existing consumers of --json lines see no new key.
    expect(lines[1]).not.toHaveProperty('type');
    expect(lines[1]).toMatchObject({ event: 'invoice.paid', path: '/hooks' });
  });

  it('needs --json', async () => {
    const result = await runCli(['listen', '-p', '0', '--ready-json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'webhook-cli: --ready-json needs --json (or use --ready-file <path> with any output)\n',
    );
  });
});

describe('listen --ready-file', () => {
  it('writes the ready JSON atomically, mode 0600, once the port is bound, and removes it on stop', async () => {
    const file = join(dir, 'ready.json');
    await writeFile(file, '{"type":"listening","url":"http://127.0.0.1:1"}\n');
    const listener = await startListen(['--ready-file', file]);
    const info = JSON.parse(await readFile(file, 'utf8'));
    expect(info).toMatchObject({ type: 'listening', url: listener.url });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const response = await post(info.url, { hello: 'world' });
    expect(response.status).toBe(200);
    const result = await listener.stop();
    expect(result.code).toBe(0);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a path that is a directory, before binding, with the message the user sees', async () => {
    await mkdir(join(dir, 'sub'));
    const result = await runCli(['listen', '-p', '0', '--ready-file', 'sub'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('webhook-cli: --ready-file: sub exists and is not a regular file\n');
  });

  it("refuses ''", async () => {
    const result = await runCli(['listen', '-p', '0', '--ready-file', ''], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "webhook-cli: --ready-file: '' is not a file name (e.g. --ready-file ready.json)\n",
    );
  });

  it('says why it cannot write the file', async () => {
    const result = await runCli(['listen', '-p', '0', '--ready-file', 'missing/ready.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'webhook-cli: --ready-file: cannot write missing/ready.json: no such file or directory\n',
    );
  });
});
