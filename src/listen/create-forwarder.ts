import type { Clock } from '../deps.js';
import { type HeaderList, HOP_BY_HOP_HEADERS } from '../options/headers.js';
import type { Delivery } from './delivery.js';
import { forwardUrl } from './forward-url.js';

/** How much of the app's answer is kept on the delivery for `--verbose` and the inspector. */
const SHOWN_BODY_BYTES = 4096;

export interface ForwardOptions {
  url: URL;
  timeoutMs: number;
  /** `--path`: what follows it in the request path is appended to `url`. */
  mountPath?: string;
}

export interface ForwardOutcome {
  result: NonNullable<Delivery['forward']>;
  /** What the sender gets back: the app's answer, or 502/504. */
  status: number;
  headers: HeaderList;
  body: Buffer;
}

export type Forwarder = {
  forward(request: {
    method: string;
    path: string;
    headers: HeaderList;
    body: Buffer;
  }): Promise<ForwardOutcome>;
  close(force?: boolean): Promise<void>;
};

/** Headers to send on: every end-to-end header in its order; undici sets Host for the target. */
export function forwardedHeaders(headers: HeaderList): string[] {
  const named = new Set(HOP_BY_HOP_HEADERS);
  for (const [name, value] of headers) {
    if (name.toLowerCase() === 'connection') {
      for (const token of value.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const flat: string[] = [];
  for (const [name, value] of headers) if (!named.has(name.toLowerCase())) flat.push(name, value);
  return flat;
}

/**
 * Forwards deliveries to the user's app with undici (loaded only when `--forward-to` is used):
 * same method, path suffix, query, headers minus hop-by-hop, exact body bytes; no redirects
 * followed. A refused connection is 502, no answer within `timeoutMs` is 504.
 */
export async function createForwarder(options: ForwardOptions, clock: Clock): Promise<Forwarder> {
  const { Agent, request } = await import('undici');
  const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: options.timeoutMs } });
  return {
    async forward(incoming) {
      const url = forwardUrl(options.url, incoming.path, options.mountPath);
      const started = clock.now();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
      try {
        const response = await request(url, {
          method: incoming.method as 'POST',
          headers: forwardedHeaders(incoming.headers),
          body: incoming.method === 'GET' || incoming.method === 'HEAD' ? null : incoming.body,
          dispatcher: agent,
          signal: controller.signal,
        });
        const body = Buffer.from(await response.body.arrayBuffer());
        const headers: HeaderList = [];
        for (const [name, value] of Object.entries(response.headers)) {
          if (HOP_BY_HOP_HEADERS.has(name) || value === undefined) continue;
          for (const one of Array.isArray(value) ? value : [value]) headers.push([name, one]);
        }
        return {
          result: {
            url,
            status: response.statusCode,
            ms: clock.now() - started,
            error: null,
            body: body.subarray(0, SHOWN_BODY_BYTES).toString('utf8'),
          },
          status: response.statusCode,
          headers,
          body,
        };
      } catch (error) {
        const ms = clock.now() - started;
        const message = timedOut
          ? `no answer within ${options.timeoutMs}ms`
          : describeNetworkError(error as NodeJS.ErrnoException);
        const status = timedOut ? 504 : 502;
        return {
          result: { url, status: null, ms, error: message },
          status,
          headers: [['Content-Type', 'text/plain; charset=utf-8']],
          body: Buffer.from(`webhook-cli: forwarding to ${url} failed: ${message}\n`),
        };
      } finally {
        clearTimeout(timer);
      }
    },
    close: (force = false) => (force ? agent.destroy() : agent.close()),
  };
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  const cause = (error.cause ?? error) as NodeJS.ErrnoException;
  const code = cause.code ?? error.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the app running?)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the app closed the connection';
  if (code === 'ENOTFOUND') return `host not found`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'could not connect in time';
  return code ? `${cause.message} (${code})` : cause.message;
}
