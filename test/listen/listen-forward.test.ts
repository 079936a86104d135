import { createHash } from 'node:crypto';
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
        '-f',
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
    const down = await startListen(['-f', `http://127.0.0.1:${port}/`, '--max-events', '1', '--json']);
    const refused = await send(down.url, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(502);
    expect(refused.body.toString()).toContain('connection refused');
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
      const listener = await startListen(['-f', slow.url, '--forward-timeout', '150ms', '--max-events', '1']);
      const timedOut = await send(listener.url, { method: 'POST', body: '{}' });
      expect(timedOut.status).toBe(504);
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
      const listener = await startListen(['-f', app.url, '--max-events', '1', '-q']);
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
      const listener = await startListen(['-f', app.url]);
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
    const bad = await runCli(['listen', '-f', 'localhost:3000']);
    expect(bad.stderr).toBe(
      "webhook-cli: --forward-to: 'localhost:3000' is not an http:// or https:// URL (for example --forward-to http://localhost:3000/webhook)\n",
    );
    expect(bad.code).toBe(2);
    const both = await runCli(['listen', '-f', 'http://localhost:3000', '--status', '500']);
    expect(both.stderr).toBe(
      "webhook-cli: --status cannot be used with --forward-to (when forwarding, the sender gets the app's own response)\n",
    );
    expect(both.code).toBe(2);
  });
});

describe('listen: a second Ctrl-C', () => {
  it('stops at once, without waiting for a forward in flight', async () => {
    const app = await startHttpTarget([{ hang: true }]);
    try {
      const listener = await startListen(['-f', app.url]);
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
