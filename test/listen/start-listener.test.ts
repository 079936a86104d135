import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../src/deps.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { startListener } from '../../src/listen/start-listener.js';
import { sendJson } from './listen-helpers.js';

const response = { statuses: [200], body: Buffer.from('ok'), headers: [], delayMs: 0, rejectInvalid: false };

/** Opens a socket, writes `text` and never finishes; resolves with what the server sent before closing. */
function stall(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('startListener (the core the command and the inspector share)', () => {
  it('emits typed deliveries to every subscriber and returns the summary on close', async () => {
    const listener = await startListener(
      { port: 0, host: '127.0.0.1', maxBody: 1024, response },
      { clock: realClock },
    );
    const seen: Delivery[] = [];
    const alsoSeen: Delivery[] = [];
    listener.onDelivery((delivery) => seen.push(delivery));
    const unsubscribe = listener.onDelivery((delivery) => alsoSeen.push(delivery));
    expect((await sendJson(`${listener.url}/a`, { type: 'x' })).status).toBe(200);
    unsubscribe();
    await sendJson(`${listener.url}/b`, { type: 'y' });
    const summary = await listener.close();
    expect(seen.map((delivery) => [delivery.path, delivery.content.kind, delivery.response.status])).toEqual([
      ['/a', 'json', 200],
      ['/b', 'json', 200],
    ]);
    expect(alsoSeen).toHaveLength(1);
    expect(summary.deliveries).toBe(2);
    expect(await listener.close()).toBe(summary);
  });

  it('cuts off a client that stalls in its headers or its body, and keeps serving', async () => {
    const listener = await startListener(
      {
        port: 0,
        host: '127.0.0.1',
        maxBody: 1024,
        response,
        timeouts: { headersMs: 200, requestMs: 300, checkIntervalMs: 50 },
      },
      { clock: realClock },
    );
    try {
      const [headers, body] = await Promise.all([
        stall(listener.url, 'POST / HTTP/1.1\r\nHost: x\r\nX-Slow: '),
        stall(listener.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"partial":'),
      ]);
      expect(headers).toMatch(/^HTTP\/1\.1 408 /);
      expect(body).toMatch(/^HTTP\/1\.1 408 /);
      expect((await sendJson(listener.url, { type: 'after' })).status).toBe(200);
    } finally {
      await listener.close();
    }
  });
});
