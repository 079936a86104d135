import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the target saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-cased names → values, as Node parses them. */
  headers: IncomingMessage['headers'];
  /** [name, value] pairs as sent, order and case kept. */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  receivedAt: number;
}

/** What the target does with one request. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (the server's own timer; tests never sleep). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Send the head and part of the body, then destroy the socket. */
  dropMidResponse?: boolean;
  /** Never answer (until the target closes). */
  hang?: boolean;
}

export type Script = ScriptedResponse[] | ((request: RecordedRequest, index: number) => ScriptedResponse);

export interface HttpTarget {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Resolves when at least `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
  server: Server;
}

/**
 * A real HTTP server on 127.0.0.1, port 0, that records every request and answers from `script`:
 * a list (the last entry repeats) or a function. The default answers 200 `ok`.
 */
export async function startHttpTarget(script: Script = [{ status: 200, body: 'ok' }]): Promise<HttpTarget> {
  const requests: RecordedRequest[] = [];
  const events = new EventEmitter();
  const sockets = new Set<Socket>();
  const pickResponse = (request: RecordedRequest, index: number): ScriptedResponse => {
    if (typeof script === 'function') return script(request, index);
    return script[Math.min(index, script.length - 1)] ?? { status: 200 };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: Array<[string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders,
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      const index = requests.length;
      requests.push(recorded);
      events.emit('request');
      const response = pickResponse(recorded, index);
      const answer = () => {
        if (response.drop) {
          req.socket.destroy();
          return;
        }
        if (response.hang) return;
        const body = response.body ?? '';
        if (response.dropMidResponse) {
          res.writeHead(response.status ?? 200, { 'content-length': '1000', ...response.headers });
          res.write('partial');
          res.flushHeaders();
          setImmediate(() => req.socket.destroy());
          return;
        }
        res.writeHead(response.status ?? 200, response.headers);
        res.end(body);
      };
      if (response.delayMs) setTimeout(answer, response.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    server,
    waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', check);
          reject(new Error(`timed out waiting for ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          events.off('request', check);
          resolve(requests);
        };
        events.on('request', check);
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
