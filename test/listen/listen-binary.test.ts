import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { BROKEN_PIPE_EXIT } from '../../src/deps.js';
import { send } from './listen-helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Starts the built CLI; resolves once stderr matches `ready` (its URL), or with null when it exits
 * first. `exited` gives its exit code and what it printed. Its stdout is a socket, unless `redirect`
 * sends it to a file, or (`pipe`) into a shell pipe to `cat > file` (or `through` > file).
 */
async function startBinary(
  args: string[],
  cwd = root,
  ready = /Listening on (http:\/\/\S+)/,
  redirect?: { file: string; pipe?: boolean; through?: string },
) {
  const command = [process.execPath, join(root, 'bin', 'webhook-cli.js'), ...args];
  const quoted = (words: string[]) => words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const out = redirect === undefined ? 'pipe' : redirect.pipe ? 'ignore' : openSync(redirect.file, 'w');
  const child = redirect?.pipe
    ? spawn(
        'bash',
        [
          '-o',
          'pipefail',
          '-c',
          `${quoted(command)} | ${redirect.through ?? 'cat'} > ${quoted([redirect.file])}`,
        ],
        {
          cwd,
          stdio: ['ignore', out, 'pipe'],
        },
      )
    : spawn(command[0] as string, command.slice(1), { cwd, stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') closeSync(out);
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (data) => {
    stdout += data;
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const url = await new Promise<string | null>((resolve) => {
    child.stderr?.on('data', (data) => {
      stderr += data;
      const match = ready.exec(stderr);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', () => resolve(null));
  });
  return { url, exited, child, stderr: () => stderr };
}

// The built CLI as a real process: the capture writer and the delivery thread run on their worker
// threads only there (the test setup builds it when dist/ is older than src/).
describe('listen as a process (bin/webhook-cli.js, after npm run build)', () => {
  it('checks deliveries on its delivery thread: signatures, schemas, handshakes, --json lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    await writeFile(
      join(dir, 'ping.schema.json'),
      JSON.stringify({ type: 'object', required: ['zen'], properties: { zen: { type: 'string' } } }),
    );
    const secret = 'bin-secret';
    const { url, exited } = await startBinary([
      'listen',
      '-p',
      '0',
      '--json',
      '--verify',
      'github',
      '--secret',
      secret,
      '--schema',
      dir,
      '--max-events',
      '3',
    ]);
    expect(url).not.toBeNull();
    const ping = '{\n  "zen": "Design for failure."\n}';
    const signature = `sha256=${createHmac('sha256', secret).update(ping).digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-github-event': 'ping' };
    const signed = await send(url!, {
      body: ping,
      headers: { ...headers, 'x-hub-signature-256': signature },
    });
    const forged = await send(url!, {
      body: '{"zen":1}',
      headers: { ...headers, 'x-hub-signature-256': signature },
    });
    const hub = await send(`${url}/?hub.mode=subscribe&hub.challenge=42&hub.verify_token=x`);
    expect([signed.status, forged.status, [hub.status, hub.body.toString()]]).toEqual([
      200,
      200,
      [200, '42'],
    ]);
    const { code, stdout, stderr } = await exited;
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines.map((line) => [
        line.path,
        line.signature?.reason ?? line.signature?.ok ?? null,
        line.validation?.ok ?? null,
        line.handshake,
      ]),
    ).toEqual([
      ['/', true, true, null],
      ['/', 'mismatch', false, null],
      ['/?hub.mode=subscribe&hub.challenge=42&hub.verify_token=x', null, null, 'meta hub.challenge'],
    ]);
    // The body as received, on one line.
    expect(lines[0].body).toEqual({ zen: 'Design for failure.' });
    expect(stdout.split('\n')[0]).toContain('"body":{   "zen": "Design for failure." }}');
    expect(stderr).toContain('signature  1 ok, 1 failed (mismatch 1)');
    expect(code).toBe(1);
  });

  it('writes the --json lines from the delivery thread when stdout is a file or a pipe: the same lines, in order, --events applied', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    const run = async (stdout?: { file: string; pipe?: boolean }) => {
      const args = ['listen', '-p', '0', '--json', '--events', 'ping', '--max-events', '4'];
      const { url, exited } = await startBinary(args, root, undefined, stdout);
      for (const [event, zen] of [
        ['ping', 'first'],
        ['push', 'not shown'],
        ['ping', 'second\u202e'],
        ['ping', 'third'],
      ]) {
        const body = JSON.stringify({ zen }, null, 2);
        await send(url!, { body, headers: { 'content-type': 'application/json', 'x-github-event': event! } });
      }
      const { code, stdout: printed, stderr } = await exited;
      expect([code, stderr]).toEqual([0, expect.stringContaining('4 deliveries')]);
      const text = stdout === undefined ? printed : await readFile(stdout.file, 'utf8');
      // What differs between two runs: the ids, the times and the port.
      return text
        .trim()
        .split('\n')
        .map((line) => {
          const { id, receivedAt, headers, ...rest } = JSON.parse(line);
          return { ...rest, headers: headers.filter(([name]: string[]) => name?.toLowerCase() !== 'host') };
        });
    };
    const socket = await run();
    const filed = await run({ file: join(dir, 'deliveries.ndjson') });
    const piped = await run({ file: join(dir, 'piped.ndjson'), pipe: true });
    expect(filed.map((line) => [line.event, line.body.zen])).toEqual([
      ['ping', 'first'],
      ['ping', 'second\u202e'],
      ['ping', 'third'],
    ]);
    expect(filed).toEqual(socket);
    expect(piped).toEqual(socket);
    // Written by the thread as by the listener: escaped for a terminal.
    expect(await readFile(join(dir, 'deliveries.ndjson'), 'utf8')).toContain('second\\u202e');
  });

  it('stops quietly with the broken-pipe status when the reader of its --json pipe goes away (| head)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    const { url, exited } = await startBinary(
      ['listen', '-p', '0', '--json', '--max-events', '100'],
      root,
      undefined,
      {
        file: join(dir, 'head.txt'),
        pipe: true,
        through: 'head -c 10',
      },
    );
    let exitedYet = false;
    void exited.then(() => {
      exitedYet = true;
    });
    // The first line ends head; a later one finds the pipe closed.
    for (let n = 0; n < 100 && !exitedYet; n += 1) {
      await send(url!, { body: '{"n":1}', headers: { 'content-type': 'application/json' } }).catch(() => {});
    }
    const { code, stderr } = await exited;
    expect(code).toBe(BROKEN_PIPE_EXIT);
    expect(stderr).not.toMatch(/Error|at /);
    expect(await readFile(join(dir, 'head.txt'), 'utf8')).toBe('{"id":"202');
  });

  it('keeps the validators its delivery thread compiled in the cache (--cache-dir)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    await writeFile(
      join(dir, 'ping.schema.json'),
      JSON.stringify({ type: 'object', required: ['zen'], properties: { zen: { type: 'string' } } }),
    );
    const args = ['listen', '-p', '0', '--json', '--schema', dir, '--cache-dir', join(dir, 'cache')];
    const { url, exited } = await startBinary([...args, '--max-events', '1']);
    await send(url!, {
      body: '{"zen":"x"}',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
    });
    const { code, stdout } = await exited;
    expect([code, JSON.parse(stdout).validation.ok]).toEqual([0, true]);
    expect((await readdir(join(dir, 'cache', 'validators'))).some((name) => name.endsWith('.js'))).toBe(true);
  });

  it('shows deliveries from the delivery thread in the inspector: search and diff read their bodies', async () => {
    const started = await startBinary(
      ['listen', '-p', '0', '--ui', '--ui-port', '0', '--json'],
      root,
      /Listening on (http:\/\/\S+)[\s\S]*Inspector: http/,
    );
    const { exited, stderr, child } = started;
    const url = started.url as string;
    const json = { 'content-type': 'application/json' };
    await send(url, { body: '{"a":1,"b":"needle"}', headers: json });
    await send(url, { body: '{"a":2}', headers: json });
    const inspector = /Inspector: (http:\/\/\S+)/.exec(stderr())?.[1] as string;
    const get = async (path: string) =>
      JSON.parse((await send(`${inspector}${path.slice(1)}`)).body.toString());
    const found = await get('/api/deliveries?q=needle');
    expect(found.deliveries).toHaveLength(1);
    const [second, first] = (await get('/api/deliveries')).deliveries.map((each: { id: string }) => each.id);
    const diff = await get(`/api/diff?from=${first}&to=${second}`);
    expect(diff.changes).toEqual([
      { pointer: '/a', kind: 'changed', before: 1, after: 2 },
      { pointer: '/b', kind: 'removed', before: 'needle' },
    ]);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('says what is wrong with a setting the delivery thread could not use, and exits 2', async () => {
    const { url, exited } = await startBinary(
      ['listen', '-p', '0', '--response-body', '@no-such-file.txt'],
      tmpdir(),
    );
    expect(url).toBeNull();
    const { code, stderr } = await exited;
    expect(stderr).toMatch(
      /^webhook-cli: --response-body: no-such-file\.txt: .*\(write --response-body @path\/to\/file, or the text itself\)\n$/,
    );
    expect(code).toBe(2);
  });

  it('saves captures on its writer thread, byte for byte, and stops on SIGTERM with the summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-bin-'));
    const { url, exited, child } = await startBinary(['listen', '-p', '0', '--save', dir, '-q']);
    const bodies = [
      Buffer.from('{"type":"one"}'),
      Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      Buffer.from('x'.repeat(100_000)),
    ];
    for (const body of bodies) expect((await send(url!, { method: 'POST', body })).status).toBe(200);
    child.kill('SIGTERM');
    const { code, stdout, stderr } = await exited;
    expect(code).toBe(0);
    expect(stderr).toMatch(/Stopped \(SIGTERM\) after .*: 3 deliveries/);
    expect(stderr).toContain(`saved      3 captures in ${dir}`);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    const files = (await readdir(dir)).sort();
    const captures = await Promise.all(files.map((file) => readCaptureFile(join(dir, file))));
    expect(captures.map((capture) => sha256(capture.body))).toEqual(bodies.map(sha256));
  });
});
