import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestDeps, ManualClock } from '../helpers/test-deps.js';
import { send, sendRaw, startListen } from './listen-helpers.js';

/** Sends a chunked body (no Content-Length) in pieces from a raw socket; resolves with the raw answer. */
function sendChunked(url: string, chunks: Buffer[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /big HTTP/1.1\r\nHost: ${hostname}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      for (const chunk of chunks) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      socket.write('0\r\n\r\n');
    });
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The listener may close before every chunk is written; the answer already arrived.
      if (answer) resolve(answer);
      else reject(error);
    });
    socket.on('close', () => resolve(answer));
  });
}

describe('listen: limits, paths and stopping', () => {
  it('answers 413 above --max-body (declared or streamed), shows it as rejected and keeps serving', async () => {
    // Two 413s and one delivery: only the delivery counts towards --max-events.
    const listener = await startListen(['--max-body', '1kb', '--max-events', '1']);
    expect(listener.deps.stderr.text()).toContain('max body   1.0 KB');
    const declared = await send(listener.url, { method: 'POST', body: Buffer.alloc(5000, 'a') });
    expect(declared.status).toBe(413);
    expect(declared.body.toString()).toBe(
      "webhook-cli: the body is larger than the listener's --max-body (1024 bytes)\n",
    );
    const streamed = await sendChunked(listener.url, [Buffer.alloc(800, 'b'), Buffer.alloc(800, 'c')]);
    expect(streamed).toMatch(/^HTTP\/1\.1 413 /);
    const fine = await send(listener.url, { method: 'POST', body: Buffer.alloc(1024, 'd') });
    expect(fine.status).toBe(200);
    const result = await listener.done;
    expect(result.stdout).toMatch(
      /POST \/ {2}✘ rejected 413: body larger than --max-body 1\.0 KB \(4\.9 KB\)/,
    );
    expect(result.stdout).toMatch(/POST \/big {2}✘ rejected 413: body larger than --max-body 1\.0 KB\n/);
    expect(result.stdout).toMatch(/POST \/ {2}1\.0 KB {2}→ 200/);
    expect(result.stderr).toContain('rejected   2 too large (413)');
    expect(result.code).toBe(1);
  });

  it('answers 404 outside --path, shown dimmed and not counted as a delivery', async () => {
    const deps = createTestDeps({ env: { FORCE_COLOR: '1' } });
    const listener = await startListen(['--path', '/webhook', '--max-events', '1'], deps);
    expect(deps.stderr.text()).toContain('path       /webhook only (other paths get 404)');
    expect(deps.stderr.text()).toContain('stopping   after 1 delivery\n');
    expect((await send(`${listener.url}/favicon.ico`)).status).toBe(404);
    expect((await send(`${listener.url}/webhooks`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await send(`${listener.url}/webhook?x=1`, { method: 'POST', body: '{}' })).status).toBe(200);
    const result = await listener.done;
    expect(result.stdout).toContain('\u001b[2m');
    expect(result.stdout).toContain('GET /favicon.ico  404 not found (listening on --path /webhook)');
    expect(result.stdout).toContain('POST /webhooks  404 not found');
    expect(result.stderr).toContain('1 delivery');
    expect(result.stderr).toContain('rejected   2 for other paths (404)');
    expect(result.code).toBe(0);
  });

  it('with --json keeps 404 and 413 lines on stderr, stdout only for deliveries', async () => {
    const listener = await startListen([
      '--json',
      '--path',
      '/hook',
      '--max-body',
      '10',
      '--max-events',
      '1',
    ]);
    await send(`${listener.url}/elsewhere`, { method: 'POST', body: '{}' });
    await send(`${listener.url}/hook`, { method: 'POST', body: '{"too":"large"}' });
    await send(`${listener.url}/hook`, { method: 'POST', body: '{}' });
    const result = await listener.done;
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).path),
    ).toEqual(['/hook']);
    expect(result.stderr).toContain('POST /elsewhere  404 not found (listening on --path /hook)');
    expect(result.stderr).toContain('POST /hook  ✘ rejected 413: body larger than --max-body 10 B (15 B)');
  });

  it('stops after --timeout (on the injected clock) and exits 0 with no deliveries', async () => {
    const clock = new ManualClock();
    const result = await runCli(['listen', '-p', '0', '--timeout', '30s'], { clock });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopping   after 30s');
    expect(result.stderr).toContain('Stopped (--timeout 30s) after 30s: 0 deliveries');
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('exits 1 when --timeout comes before the --max-events deliveries a test waits for', async () => {
    const clock = new ManualClock();
    const result = await runCli(['listen', '-p', '0', '--max-events', '2', '--timeout', '1m'], { clock });
    expect(result.stderr).toContain(
      'Stopped (--timeout 1m) after 1m: 0 deliveries\n  expected   2 deliveries (--max-events), got 0\n',
    );
    expect(result.code).toBe(1);
  });

  it('stops on Ctrl-C with a summary of events and checks', async () => {
    const listener = await startListen(['--json']);
    await sendRaw(listener.url, 'POST', ['X-GitHub-Event', 'push', 'Content-Type', 'application/json'], '{}');
    await sendRaw(listener.url, 'POST', ['X-GitHub-Event', 'push', 'Content-Type', 'application/json'], '{}');
    await sendRaw(
      listener.url,
      'POST',
      ['X-GitHub-Event', 'issues', 'Content-Type', 'application/json'],
      '{"action":"closed"}',
    );
    await listener.deps.stdout.waitFor(/(.*\n){3}/);
    const result = await listener.stop();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Stopped \(Ctrl-C\) after \d+m?s: 3 deliveries\n {2}events {5}push 2, issues\.closed 1\n$/,
    );
    expect(listener.deps.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('reports a port in use and a host that is not this machine (exit 2)', async () => {
    const busy = await startHttpTarget();
    try {
      const result = await runCli(['listen', '-p', String(busy.port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `webhook-cli: cannot listen on 127.0.0.1:${busy.port}: the port is in use (stop the other program, choose another --port, or use -p 0 for a free port)\n`,
      );
    } finally {
      await busy.close();
    }
    const host = await runCli(['listen', '-p', '0', '--host', '203.0.113.7']);
    expect(host.code).toBe(2);
    expect(host.stderr).toBe(
      "webhook-cli: cannot listen on 203.0.113.7:0: '203.0.113.7' is not an address of this machine (use --host 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface)\n",
    );
    const port = await runCli(['listen', '-p', '70000']);
    expect(port.stderr).toBe("webhook-cli: --port: '70000' is not a whole number from 0 to 65535\n");
    expect(port.code).toBe(2);
  });

  it('warns when bound to an address reachable from the network', async () => {
    const listener = await startListen(['--host', '0.0.0.0']);
    expect(listener.deps.stderr.text()).toContain(
      'warning: listening on 0.0.0.0: anyone who can reach this machine can send deliveries',
    );
    await listener.stop();
    const local = await startListen([]);
    expect(local.deps.stderr.text()).not.toContain('warning');
    await local.stop();
  });
});
