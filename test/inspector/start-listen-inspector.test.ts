import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaptureWriter } from '../../src/capture/capture-writer.js';
import type { Inspector } from '../../src/inspector/start-inspector.js';
import { startListenInspector } from '../../src/inspector/start-listen-inspector.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { ManualClock } from '../helpers/test-deps.js';
import { makeDelivery, rawRequest } from './inspector-fixtures.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function occupy(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return server;
}

const deps = { clock: new ManualClock(), random: () => 0 };

describe('startListenInspector', () => {
  it('takes the first free port after the listener, shows --save captures and replays to the forward target', async () => {
    const listener = await occupy();
    const listenerPort = (listener.address() as AddressInfo).port;
    // The port right after the listener's is busy too: the inspector takes a later one.
    await occupy(listenerPort + 1).catch(() => undefined);
    const dir = await mkdtemp(join(tmpdir(), 'listen-ui-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const writer = await openCaptureWriter(dir);
    await writer.write({
      id: 'saved-1',
      receivedAt: '2026-01-01T10:00:00.000Z',
      method: 'POST',
      path: '/webhook/github',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'ping'],
      ],
      body: Buffer.from('{"zen":"Keep it logically awesome."}'),
    });
    const target: HttpTarget = await startHttpTarget([{ status: 204 }]);
    cleanup.push(() => target.close());
    const inspector: Inspector = await startListenInspector(
      {
        host: '0.0.0.0',
        port: undefined,
        listenerPort,
        history: 500,
        forwardTo: new URL(`${target.url}/app`),
        mountPath: '/webhook',
        saveDir: dir,
      },
      deps,
    );
    cleanup.push(() => inspector.close());
    expect(inspector.port).toBeGreaterThan(listenerPort);
    expect(inspector.port).toBeLessThanOrEqual(listenerPort + 10);
    // Never on the network, whatever --host the listener has.
    expect(inspector.url).toBe(`http://127.0.0.1:${inspector.port}/`);
    const list = (await rawRequest(`${inspector.url}api/deliveries`)).json();
    expect(list.forwardUrl).toBe(`${target.url}/app`);
    expect(list.deliveries.map((d: { id: string; event: string }) => [d.id, d.event])).toEqual([
      ['saved-1', 'ping'],
    ]);

    const replayed = await rawRequest(`${inspector.url}api/deliveries/saved-1/replay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: `http://127.0.0.1:${inspector.port}`,
      },
      body: '{}',
    });
    expect(replayed.json()).toMatchObject({ ok: true, status: 204, attempts: 1 });
    const [request] = await target.waitForRequests(1);
    expect(request?.url).toBe('/app/github');
  });

  it('uses --ui-port as given and says when it is taken', async () => {
    const busy = await occupy();
    const port = (busy.address() as AddressInfo).port;
    await expect(
      startListenInspector({ host: '127.0.0.1', port, listenerPort: 9876, history: 5 }, deps),
    ).rejects.toThrow(`--ui-port ${port} is already in use`);
    const inspector = await startListenInspector(
      { host: '127.0.0.1', port: 0, listenerPort: 9876, history: 5 },
      deps,
    );
    cleanup.push(() => inspector.close());
    inspector.publish(makeDelivery());
    expect((await rawRequest(`${inspector.url}api/deliveries`)).json().deliveries).toHaveLength(1);
  });
});
