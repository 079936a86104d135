import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { send, startListen } from '../listen/listen-helpers.js';
import { nonLoopbackIPv4 } from './listen-helpers.js';

/** Resolves with `connected` or the error code of a TCP connection to host:port. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

// This machine's own non-loopback address where it has one; else 127.0.0.2, which Linux routes to
// the loopback interface too: a listener bound to 127.0.0.1 alone refuses it all the same.
const address = nonLoopbackIPv4() ?? '127.0.0.2';

describe('listen: network exposure', () => {
  it(`binds loopback only by default: a connection to this machine's address ${address} is refused`, async () => {
    const listener = await startListen([]);
    try {
      expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(listener.url).port);
      expect(await tryConnect(address, port)).toBe('ECONNREFUSED');
      expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    } finally {
      await listener.stop();
    }
    // The address does reach a listener that asks for every interface (so the refusal above came
    // from the bind, not from a firewall), and that listener says so.
    const exposed = await startListen(['--host', '0.0.0.0']);
    try {
      expect(exposed.deps.stderr.text()).toContain('warning: listening on 0.0.0.0');
      const port = new URL(exposed.url).port;
      expect((await send(`http://${address}:${port}/`, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      await exposed.stop();
    }
  });
});
