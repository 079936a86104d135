import { mkdtemp, readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { runCli } from '../helpers/run-cli.js';
import { sendBytes, sendRaw, startListen } from './listen-helpers.js';

/**
 * Writes a raw request and reads the answer until the listener closes (the request says
 * Connection: close). Unlike sendBytes it does not half-close first: Node's server drops a request
 * whose client half-closed before the answer was ready (here: after the capture is written).
 */
function sendHead(url: string, head: string, body: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}${body}`));
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('listen: what every accepted request keeps (issue 12)', () => {
  it('keeps all 2,500 headers of a request, the Content-Type after them too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-headers-'));
    const listener = await startListen(['--save', dir, '--max-events', '1', '--json']);
    const many = Array.from({ length: 2500 }, (_, i) => [`a`, String(i % 10)]).flat();
    const answer = await sendRaw(
      listener.url,
      'POST',
      [...many, 'Content-Type', 'application/json'],
      '{"kept":true}',
    );
    expect(answer.status).toBe(200);
    const result = await listener.done;
    const [file] = await readdir(dir);
    const capture = await readCaptureFile(join(dir, file as string));
    expect(capture.headers.filter(([name]) => name === 'a')).toHaveLength(2500);
    expect(capture.headers).toContainEqual(['Content-Type', 'application/json']);
    // Parsed as JSON, since its Content-Type was seen.
    expect(JSON.parse(result.stdout).body).toEqual({ kept: true });
  });

  it('saves an absolute-form target as its path and query, byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-target-'));
    const listener = await startListen(['--save', dir, '--path', '/hooks', '--max-events', '2']);
    const host = new URL(listener.url).host;
    const first = await sendHead(
      listener.url,
      `POST http://proxy.example:8080/hooks/a%2Fb/../c?x=1&y=%zz HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
      '{}',
    );
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    const second = await sendHead(
      listener.url,
      `POST HTTPS://proxy.example/hooks?only=query HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
      '{}',
    );
    expect(second).toMatch(/^HTTP\/1\.1 200 /);
    await listener.done;
    const paths = await Promise.all(
      (await readdir(dir)).sort().map(async (file) => (await readCaptureFile(join(dir, file))).path),
    );
    expect(paths).toEqual(['/hooks/a%2Fb/../c?x=1&y=%zz', '/hooks?only=query']);
  });

  it('answers 400 to OPTIONS * and to a target that is no path, and saves nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-target-'));
    const listener = await startListen(['--save', dir]);
    const host = new URL(listener.url).host;
    // (`POST hooks` never gets this far: Node's parser answers it 400 itself.)
    for (const line of ['OPTIONS * HTTP/1.1', 'POST ftp://files.example/x HTTP/1.1']) {
      const answer = await sendHead(
        listener.url,
        `${line}\r\nHost: ${host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
        '{}',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('webhook-cli: the request target must be a path (/...) or an http:// URL\n');
    }
    const result = await listener.stop();
    expect(await readdir(dir)).toEqual([]);
    expect(result.stderr).toMatch(/Stopped \(Ctrl-C\) after .*: 0 deliveries/);
  });

  it('refuses with 403 a request a web page of another site made, and saves nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-browser-'));
    const listener = await startListen(['--save', dir]);
    // What a no-cors fetch() from another site sends: no preflight, a "simple" Content-Type.
    for (const [site, type] of [
      ['cross-site', 'text/plain;charset=UTF-8'],
      ['same-site', 'application/x-www-form-urlencoded'],
      ['cross-site', 'multipart/form-data; boundary=x'],
    ] as const) {
      const answer = await sendRaw(
        listener.url,
        'POST',
        [
          'Content-Type',
          type,
          'Origin',
          'https://evil.example',
          'Sec-Fetch-Site',
          site,
          'Sec-Fetch-Mode',
          'no-cors',
        ],
        'payload=[{},{},{}]',
      );
      expect(answer.status).toBe(403);
      expect(answer.body.toString()).toBe(
        `webhook-cli: requests made by web pages are refused (Sec-Fetch-Site: ${site})\n`,
      );
    }
    // The user typing the address, or a server (no Sec-Fetch-Site), is served.
    const typed = await sendRaw(listener.url, 'POST', ['Sec-Fetch-Site', 'none'], '{}');
    expect(typed.status).toBe(200);
    const result = await listener.stop();
    expect(await readdir(dir)).toHaveLength(1);
    expect(result.stderr).toMatch(/Stopped \(Ctrl-C\) after .*: 1 delivery/);
  });

  it('closes connections beyond --max-connections, and serves again once one closes', async () => {
    const listener = await startListen(['--max-connections', '2']);
    const { hostname, port } = new URL(listener.url);
    const open = () =>
      new Promise<import('node:net').Socket>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => resolve(socket));
        socket.on('error', reject);
      });
    const held = [await open(), await open()];
    // Each held socket has sent a partial request, so the server has accepted both.
    for (const socket of held) socket.write('POST / HTTP/1.1\r\n');
    const third = await sendBytes(listener.url, `GET / HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`).catch(
      (error: NodeJS.ErrnoException) => error.code ?? 'error',
    );
    expect(third === '' || third === 'ECONNRESET').toBe(true);
    const closed = held.map((socket) => new Promise((resolve) => socket.on('close', resolve)));
    for (const socket of held) socket.destroy();
    await Promise.all(closed);
    const after = await sendRaw(listener.url, 'POST', [], '{}');
    expect(after.status).toBe(200);
    await listener.stop();
  });

  it('shows the new limits and their defaults in --help', async () => {
    const result = await runCli(['listen', '--help']);
    expect(result.stdout).toMatch(/--max-connections <n>\s+connections open at once .*\(default: 256\)/);
    expect(result.stdout).toMatch(
      /--max-decoding <size>\s+decoded size of compressed bodies[\s\S]*?\(default: 64mb\)/,
    );
    expect(result.stdout).toMatch(
      /--ui-history-bytes <size>\s+bytes of deliveries the inspector keeps,[\s\S]*?default:\s+64mb/,
    );
  });
});
