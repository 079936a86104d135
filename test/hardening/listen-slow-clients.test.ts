import { connect } from 'node:net';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../src/deps.js';
import { startListener } from '../../src/listen/start-listener.js';

const response = { statuses: [200], body: Buffer.from('ok'), headers: [], delayMs: 0, rejectInvalid: false };
const TRICKLE_EVERY_MS = 25;

interface SlowClient {
  /** Resolves once the listener closed the connection, with what it answered and how much was sent. */
  closed: Promise<{ answer: string; bytesSent: number; ms: number }>;
  isOpen(): boolean;
}

/**
 * A raw socket that writes `head` at once, then `drip` every TRICKLE_EVERY_MS for as long as the
 * listener keeps the connection open: it never finishes on its own (a slowloris client).
 */
function slowClient(port: number, head: string, drip: string | null): SlowClient {
  const started = performance.now();
  let open = true;
  let bytesSent = 0;
  const socket = connect(port, '127.0.0.1', () => {
    const write = (text: string) => {
      if (socket.writable) socket.write(text, () => {});
      bytesSent += text.length;
    };
    if (head) write(head);
    if (drip !== null) {
      const timer = setInterval(() => write(drip), TRICKLE_EVERY_MS);
      socket.on('close', () => clearInterval(timer));
    }
  });
  let answer = '';
  socket.on('data', (data) => {
    answer += data.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise<{ answer: string; bytesSent: number; ms: number }>((resolve) => {
    socket.on('close', () => {
      open = false;
      resolve({ answer, bytesSent, ms: performance.now() - started });
    });
  });
  return { closed, isOpen: () => open };
}

describe('listen: slow clients are cut off by the timeouts while others are served', () => {
  it('closes clients trickling headers, trickling a body or sending nothing; a normal client is answered all along', async () => {
    const timeouts = { headersMs: 400, requestMs: 800, checkIntervalMs: 50 };
    const listener = await startListener(
      { port: 0, host: '127.0.0.1', maxBody: 1024 * 1024, response, timeouts },
      { clock: realClock },
    );
    const pool = new Pool(listener.url, { connections: 2 });
    try {
      const slow = {
        // One more header line every 25 ms: the headers never end.
        headers: slowClient(listener.port, 'POST / HTTP/1.1\r\nHost: x\r\n', 'X-Drip: a\r\n'),
        // Headers complete, then one byte of a 100 kB body every 25 ms.
        body: slowClient(
          listener.port,
          'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[',
          '1',
        ),
        // Connects and says nothing.
        silent: slowClient(listener.port, '', null),
      };
      const clients = Object.values(slow);
      let servedWhileAllSlowOpen = 0;
      let served = 0;
      const allClosed = Promise.all(clients.map((client) => client.closed));
      let done = false;
      void allClosed.then(() => {
        done = true;
      });
      // A normal client keeps sending, one delivery after another, until every slow one is gone.
      while (!done && served < 5_000) {
        const answer = await pool.request({ path: '/normal', method: 'POST', body: `{"n":${served}}` });
        expect(answer.statusCode).toBe(200);
        await answer.body.dump();
        served += 1;
        if (clients.every((client) => client.isOpen())) servedWhileAllSlowOpen += 1;
      }
      const [headers, body, silent] = await allClosed;

      for (const result of [headers, body, silent]) expect(result?.answer).toMatch(/^HTTP\/1\.1 408 /);
      // Cut off by the timeouts, not by anything else: not before they ran out, and not long after.
      expect(headers?.ms).toBeGreaterThanOrEqual(timeouts.headersMs - 20);
      expect(silent?.ms).toBeGreaterThanOrEqual(timeouts.headersMs - 20);
      expect(body?.ms).toBeGreaterThanOrEqual(timeouts.requestMs - 20);
      for (const result of [headers, body, silent])
        expect(result?.ms).toBeLessThan(timeouts.requestMs + 2_000);
      // The tricklers were still sending when they were cut off.
      expect(headers?.bytesSent).toBeGreaterThan(100);
      expect(body?.bytesSent).toBeLessThan(100_000);

      expect(servedWhileAllSlowOpen).toBeGreaterThan(0);
      // The cut-off requests are not deliveries, and nothing is left in flight.
      expect(listener.inFlight()).toBe(0);
      expect(listener.summary().deliveries).toBe(served);
    } finally {
      await pool.close();
      await listener.close();
    }
  });

  it('the command uses bounded timeouts by default', async () => {
    const { DEFAULT_TIMEOUTS } = await import('../../src/listen/start-listener.js');
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeLessThanOrEqual(60_000);
    expect(DEFAULT_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(10_000);
  });
});
