import { request } from 'node:http';
import type { Delivery } from '../../src/listen/delivery.js';
import { classifyContent } from '../../src/listen/read-content.js';
import { getHeader, type HeaderList } from '../../src/options/headers.js';

let counter = 0;

/** A handled delivery as the listener core would publish it; JSON body by default. */
export function makeDelivery(overrides: Partial<Delivery> & { json?: unknown } = {}): Delivery {
  counter += 1;
  const { json, ...rest } = overrides;
  const headers: HeaderList = rest.headers ?? [
    ['Content-Type', 'application/json'],
    ['X-GitHub-Event', 'issues'],
    ['X-GitHub-Delivery', `d-${counter}`],
  ];
  const body =
    rest.body ?? Buffer.from(JSON.stringify(json ?? { action: 'opened', issue: { number: counter } }));
  return {
    id: `20260101T120000000Z-${String(counter).padStart(6, '0')}-test`,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, counter)).toISOString(),
    method: 'POST',
    path: '/webhook',
    headers,
    body,
    event: 'issues.opened',
    deliveryId: `d-${counter}`,
    signature: { scheme: 'github', ok: true },
    validation: { schema: 'github:issues$opened', ok: true, errors: [] },
    forward: null,
    response: { status: 200 },
    handshake: null,
    savedTo: null,
    saveError: null,
    content: classifyContent(body, getHeader(headers, 'content-type')),
    accepted: true,
    ...rest,
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: response shapes are checked by the tests' assertions
  json(): any;
}

/** A request with full control over Host, Origin and friends (fetch does not allow setting Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: event shapes are checked by the tests' assertions
  data: any;
}

/** Reads an event stream; `next(name)` resolves with the next event of that name (buffered ones first). */
export function openEventStream(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const waiters: Array<{ name: string; resolve: (event: SseEvent) => void }> = [];
  let contentType = '';
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } });
  const ready = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      contentType = String(res.headers['content-type']);
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name === undefined || data === undefined) continue;
          const event = { event: name, data: JSON.parse(data) };
          const waiter = waiters.findIndex((item) => item.name === name);
          if (waiter === -1) events.push(event);
          else waiters.splice(waiter, 1)[0]?.resolve(event);
        }
      });
      resolve();
    });
    req.on('error', reject);
  });
  req.end();
  return {
    ready,
    contentType: () => contentType,
    next(name: string): Promise<SseEvent> {
      const index = events.findIndex((event) => event.event === name);
      if (index !== -1) return Promise.resolve(events.splice(index, 1)[0] as SseEvent);
      return new Promise((resolve) => waiters.push({ name, resolve }));
    },
    close() {
      req.destroy();
    },
  };
}
