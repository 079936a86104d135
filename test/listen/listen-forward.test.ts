import { createHash } from 'node:crypto';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { send, sendRaw, startListen } from './listen-helpers.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('listen --forward-to', () => {
  it('forwards method, path suffix, query, headers and exact bytes, and relays the app status and body', async () => {
    const app = await startHttpTarget([
      {
        status: 201,
        headers: { 'content-type': 'application/json', 'x-app': 'yes' },
        body: '{"created":true}',
      },
    ]);
    try {
      const listener = await startListen([
        '--path',
        '/webhook',
        '--forward-to',
        `${app.url}/api/hooks?app=1`,
        '--max-events',
        '1',
        '-v',
      ]);
      expect(listener.deps.stderr.text()).toContain(`forwarding to ${app.url}/api/hooks?app=1 (timeout 30s)`);
      const body = Buffer.concat([
        Buffer.from('{"type":"bytes","raw":"'),
        Buffer.from([0xff, 0x00, 0x80]),
        Buffer.from('"}'),
      ]);
      const answer = await sendRaw(
        `${listener.url}/webhook/github?delivery=9`,
        'PATCH',
        [
          'Content-Type',
          'application/json',
          'X-Hub-Signature-256',
          'sha256=abc',
          'X-Dup',
          '1',
          'X-Dup',
          '2',
          'Connection',
          'keep-alive, X-Hop',
          'X-Hop',
          'drop me',
          'Authorization',
          'Bearer token-123',
        ],
        body,
      );
      expect(answer.status).toBe(201);
      expect(answer.body.toString()).toBe('{"created":true}');
      expect(answer.headers['x-app']).toBe('yes');
      const [received] = await app.waitForRequests(1);
      expect(received?.method).toBe('PATCH');
      expect(received?.url).toBe('/api/hooks/github?app=1&delivery=9');
      expect(sha256(received?.body as Buffer)).toBe(sha256(body));
      expect(received?.headers.host).toBe(`127.0.0.1:${app.port}`);
      const names = received?.rawHeaders.map(([name]) => name.toLowerCase());
      expect(names).not.toContain('x-hop');
      expect(received?.rawHeaders.filter(([name]) => name === 'X-Dup')).toEqual([
        ['X-Dup', '1'],
        ['X-Dup', '2'],
      ]);
      // The app still gets Authorization; the terminal does not.
      expect(received?.headers.authorization).toBe('Bearer token-123');
      const result = await listener.done;
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/PATCH \/webhook\/github\?delivery=9 .*✔ forward 201 \d+ms/);
      expect(result.stdout).toContain(`forwarded to ${app.url}/api/hooks/github?app=1&delivery=9`);
      expect(result.stdout).toContain('app answered 201:\n    {"created":true}');
      expect(result.stdout).toContain('Authorization: [redacted]');
      expect(result.stdout).not.toContain('token-123');
      expect(result.stderr).toContain('forward    1 answered 2xx, 0 other status, 0 not answered');
    } finally {
      await app.close();
    }
  });

  it('answers 502 when the app is down and 504 when it does not answer within --forward-timeout', async () => {
    const port = await closedPort();
    const down = await startListen([
      '--forward-to',
      `http://127.0.0.1:${port}/`,
      '--max-events',
      '1',
      '--json',
    ]);
    const refused = await send(down.url, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(502);
    expect(refused.body.toString()).toBe('webhook-cli: forwarding failed: the app could not be reached\n');
    const downResult = await down.done;
    expect(downResult.code).toBe(1);
    const line = JSON.parse(downResult.stdout);
    expect(line.forward).toEqual({
      url: `http://127.0.0.1:${port}/`,
      status: null,
      ms: expect.any(Number),
      error: 'connection refused (is the app running?)',
    });
    expect(line.response).toEqual({ status: 502 });

    const slow = await startHttpTarget([{ hang: true }]);
    try {
      const listener = await startListen([
        '--forward-to',
        slow.url,
        '--forward-timeout',
        '150ms',
        '--max-events',
        '1',
      ]);
      const timedOut = await send(listener.url, { method: 'POST', body: '{}' });
      expect(timedOut.status).toBe(504);
      expect(timedOut.body.toString()).toBe(
        'webhook-cli: forwarding failed: the app did not answer in time\n',
      );
      const result = await listener.done;
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✘ forward 504 \d+ms/);
      expect(result.stdout).toContain(`forward to ${slow.url}/: no answer within 150ms`);
      expect(result.stderr).toContain('forward    0 answered 2xx, 0 other status, 1 not answered');
    } finally {
      await slow.close();
    }
  });

  it('counts an app answer outside 2xx as a failed check (exit 1) and relays it', async () => {
    const app = await startHttpTarget([{ status: 500, body: 'boom' }]);
    try {
      const listener = await startListen(['--forward-to', app.url, '--max-events', '1', '-q']);
      const answer = await send(listener.url, { method: 'POST', body: 'x' });
      expect([answer.status, answer.body.toString()]).toEqual([500, 'boom']);
      const result = await listener.done;
      expect(result.stdout).toMatch(/✘ forward 500 \d+ms\n$/);
      expect(result.code).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('finishes a forward that is in flight when SIGTERM arrives, then prints the summary', async () => {
    const app = await startHttpTarget([{ status: 200, body: 'late', delayMs: 200 }]);
    try {
      const listener = await startListen(['--forward-to', app.url]);
      const pending = send(listener.url, { method: 'POST', body: '{"type":"slow"}' });
      await app.waitForRequests(1);
      listener.deps.signals.emit('SIGTERM');
      const answer = await pending;
      expect([answer.status, answer.body.toString()]).toEqual([200, 'late']);
      const result = await listener.done;
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/Stopped \(SIGTERM\) after .*: 1 delivery/);
      expect(result.stderr).toContain('forward    1 answered 2xx');
    } finally {
      await app.close();
    }
  });

  it('refuses a bad --forward-to URL and response flags that only apply without forwarding (exit 2)', async () => {
    const bad = await runCli(['listen', '--forward-to', 'localhost:3000']);
    expect(bad.stderr).toBe(
      "webhook-cli: --forward-to: 'localhost:3000' is not an http(s) URL (for example --forward-to http://localhost:3000/webhook)\n",
    );
    expect(bad.code).toBe(2);
    const both = await runCli(['listen', '--forward-to', 'http://localhost:3000', '--status', '500']);
    expect(both.stderr).toBe(
      "webhook-cli: --status cannot be used with --forward-to (when forwarding, the sender gets the app's own response)\n",
    );
    expect(both.code).toBe(2);
  });
});

describe('listen --forward-to: what the sender can and cannot reach', () => {
  /** One POST whose path reaches the listener exactly as written (a URL would resolve its dots first). */
  const rawPost = (url: string, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const req = httpRequest(
        { host: hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      req.end('{}');
    });

  it('keeps forwarding under the target path: dot segments in any spelling that climb out or hide get 400', async () => {
    const app = await startHttpTarget();
    try {
      const listener = await startListen([
        '--path',
        '/webhook',
        '--forward-to',
        `${app.url}/hooks?token=s3cret`,
        '--json',
      ]);
      const climbing = [
        '/webhook/../admin',
        '/webhook/%2e%2e/admin',
        '/webhook/%2E%2E/admin',
        '/webhook/.%2e/admin',
        '/webhook/x/../../secret',
        '/webhook/..',
      ];
      for (const path of climbing) {
        const answer = await rawPost(listener.url, path);
        expect([path, answer.status, answer.body]).toEqual([
          path,
          400,
          'webhook-cli: forwarding failed: the request path climbs out of the forwarding path\n',
        ]);
      }
      // A server may read these as dot segments (`..;` in Tomcat, a decoded `%2f`): refused, saying why.
      for (const path of [
        '/webhook/..%2fadmin',
        '/webhook/..%5cadmin',
        '/webhook/..;/admin',
        '/webhook/.;/x',
      ]) {
        const answer = await rawPost(listener.url, path);
        expect([path, answer.status, answer.body]).toEqual([
          path,
          400,
          "webhook-cli: forwarding failed: the request path hides a dot segment behind ';' or an encoded slash\n",
        ]);
      }
      // Below the base, dot segments are resolved before the request leaves.
      const below = await rawPost(listener.url, '/webhook/x/%2e%2e/y');
      expect(below).toEqual({ status: 200, body: 'ok' });
      const [received] = await app.waitForRequests(1);
      expect(app.requests.map((request) => request.url)).toEqual(['/hooks/y?token=s3cret']);
      expect(received?.url).toBe('/hooks/y?token=s3cret');
      const result = await listener.stop();
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines[0].forward).toEqual({
        url: `${app.url}/hooks?token=s3cret`,
        status: null,
        ms: 0,
        error: 'the path climbs out of /hooks',
      });
      expect(lines[0].response).toEqual({ status: 400 });
    } finally {
      await app.close();
    }
  });

  it('tells the sender nothing of the forward URL or its query when the app is down', async () => {
    const port = await closedPort();
    const target = `http://127.0.0.1:${port}/hook?token=s3cret`;
    const listener = await startListen(['--forward-to', target, '--max-events', '1']);
    const answer = await send(listener.url, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(502);
    expect(answer.body.toString()).toBe('webhook-cli: forwarding failed: the app could not be reached\n');
    expect(answer.body.toString()).not.toContain('s3cret');
    expect(answer.body.toString()).not.toContain(String(port));
    const result = await listener.done;
    // The terminal is the user's own: it says where and why.
    expect(result.stdout).toContain(`forward to ${target}: connection refused (is the app running?)`);
  });

  it('refuses credentials in --forward-to without printing them (exit 2)', async () => {
    for (const url of ['http://user:s3cret@127.0.0.1:3000/hook', 'http://:s3cret@127.0.0.1:3000/']) {
      const result = await runCli(['listen', '-p', '0', '--forward-to', url]);
      expect(result.stderr).toBe(
        'webhook-cli: --forward-to: credentials in the URL are not supported (give the URL without user:password@)\n',
      );
      expect(result.code).toBe(2);
    }
    const odd = await runCli(['listen', '-p', '0', '--forward-to', 'user:s3cret@localhost:3000']);
    expect(odd.stderr).toBe(
      'webhook-cli: --forward-to: the URL is not an http(s) URL (for example --forward-to http://localhost:3000/webhook)\n',
    );
    expect(odd.code).toBe(2);
  });

  it('reads no more of the app answer than --forward-max-response, then answers 502', async () => {
    // An app that streams without end: a forwarder that buffers the answer whole never finishes.
    let written = 0;
    let appSocketClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      appSocketClosed = resolve;
    });
    const app = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (res.write(chunk)) written += chunk.length;
        written += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', appSocketClosed);
      pump();
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = app.address() as { port: number };
      const listener = await startListen([
        '--forward-to',
        `http://127.0.0.1:${port}/`,
        '--forward-max-response',
        '256kb',
        '--forward-timeout',
        '20s',
        '--max-events',
        '1',
      ]);
      const answer = await send(listener.url, { method: 'POST', body: '{}' });
      expect(answer.status).toBe(502);
      expect(answer.body.toString()).toBe(
        "webhook-cli: forwarding failed: the app's response was too large\n",
      );
      const result = await listener.done;
      expect(result.stdout).toContain(
        'the app answered 200 with more than --forward-max-response (256.0 KB)',
      );
      expect(result.code).toBe(1);
      // The listener hung up at the limit instead of reading on.
      await closed;
      expect(written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });

  it('shows --forward-max-response and its default in --help', async () => {
    const result = await runCli(['listen', '--help']);
    expect(result.stdout).toMatch(
      /--forward-max-response <size>\s+largest app answer relayed \(larger get 502\) \(default: 10mb\)/,
    );
  });
});

describe('listen: a second Ctrl-C', () => {
  it('stops at once, without waiting for a forward in flight', async () => {
    const app = await startHttpTarget([{ hang: true }]);
    try {
      const listener = await startListen(['--forward-to', app.url]);
      const pending = send(listener.url, { method: 'POST', body: '{}' }).catch((error: Error) => error);
      await app.waitForRequests(1);
      listener.deps.signals.emit('SIGINT');
      await listener.deps.stderr.waitFor(
        'Stopping: finishing 1 delivery in flight (Ctrl-C again to stop now)',
      );
      listener.deps.signals.emit('SIGINT');
      const result = await listener.done;
      // The aborted forward may or may not be counted before the summary, but nothing waits for the app.
      expect(result.stderr).toMatch(/Stopped \(Ctrl-C\) after \d+m?s: [01] deliver/);
      expect(await pending).toBeInstanceOf(Error);
    } finally {
      await app.close();
    }
  });
});
