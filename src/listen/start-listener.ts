import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureId } from '../capture/capture-writer.js';
import type { Deps } from '../deps.js';
import { CliError, ExitCode } from '../errors.js';
import { getHeader, type HeaderList, pairsFromRawHeaders } from '../options/headers.js';
import type { DecodeBudget } from './decode-budget.js';
import type { Delivery } from './delivery.js';
import { createEventLimit } from './event-limit.js';
import { createDeliveryHandler, type DeliveryHandler, type HandlerConfig } from './handle-delivery.js';
import { addToSummary, emptySummary, type ListenSummary } from './listen-summary.js';
import { normalizeMount, underMount } from './match-route.js';
import { requestPath } from './request-path.js';
import { type HandlerOutline, summaryChecks } from './settings-outline.js';

export interface ListenerTimeouts {
  /** Time to receive the request line and headers (Node's `headersTimeout`). */
  headersMs: number;
  /** Time to receive the whole request (Node's `requestTimeout`). */
  requestMs: number;
  /** Idle time before a keep-alive connection is closed. */
  keepAliveMs: number;
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: ListenerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};

/** The listener's own settings: its socket and limits. What is done with deliveries is the handler's. */
export interface ListenerSettings {
  port: number;
  host: string;
  /** `--path`: deliveries only there (and below); other paths get 404. */
  path?: string;
  /** `--max-body` in bytes: larger bodies get 413 and are never buffered past this. */
  maxBody: number;
  /** `--max-connections`: sockets open at once; more are closed as they arrive. */
  maxConnections?: number;
  /**
   * `--max-events`: after this many deliveries (not counting requests outside the mount or bodies
   * over `maxBody`) the listener stops taking more; `limitReached` resolves.
   */
  maxDeliveries?: number;
  timeouts?: Partial<ListenerTimeouts>;
  /**
   * Called when an `onDelivery` subscriber throws. The other subscribers still get the delivery and
   * it still counts towards `maxDeliveries`; without this the error is dropped.
   */
  onSubscriberError?: (error: unknown, delivery: Delivery) => void;
}

/** A listener that handles deliveries on this thread, with these settings. */
export interface ListenerConfig extends ListenerSettings, HandlerConfig {}

/** A listener whose handler was made elsewhere (on a thread of its own: delivery-thread.ts). */
export interface ListenerWithHandler extends ListenerSettings {
  handler: DeliveryHandler;
}

export interface Listener {
  url: string;
  host: string;
  port: number;
  /** Calls `callback` with every delivery once it is answered (and saved); returns an unsubscribe function. */
  onDelivery(callback: (delivery: Delivery) => void): () => void;
  /** Resolves once `maxDeliveries` deliveries have been handled. Never resolves without it. */
  limitReached: Promise<void>;
  /** The summary so far. */
  summary(): ListenSummary;
  /** Deliveries being received, checked, forwarded or saved right now. */
  inFlight(): number;
  /** Bytes of compressed bodies' decoded content held right now, the most ever, and the budget. */
  decoding: Pick<DecodeBudget, 'total' | 'inUse' | 'peak'>;
  /** What is done with deliveries, for the ready lines. */
  outline: HandlerOutline;
  /**
   * Stops: no new connections, in-flight deliveries finish (answered, forwarded and saved), then
   * every connection closes. `force` cuts in-flight deliveries off instead.
   */
  close(options?: { force?: boolean }): Promise<ListenSummary>;
}

/**
 * Starts the listener on `config.host:config.port` and resolves once it accepts connections. The
 * core renders nothing: it emits typed deliveries (see delivery.ts) to whoever subscribes, so the
 * terminal view, `--json` and the web inspector all consume the same stream.
 */
export async function startListener(
  config: ListenerConfig | ListenerWithHandler,
  deps: Pick<Deps, 'clock'>,
): Promise<Listener> {
  const handler = 'handler' in config ? config.handler : await createDeliveryHandler(config, deps.clock);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  const subscribers = new Set<(delivery: Delivery) => void>();
  const summary = emptySummary(summaryChecks(handler.outline));
  const inFlight = new Set<Promise<void>>();
  const tag = randomBytes(2).toString('hex');
  const mount = config.path ? normalizeMount(config.path) : null;
  let sequence = 0;
  let closing = false;
  const events = createEventLimit(config.maxDeliveries);

  const emit = (delivery: Delivery) => {
    addToSummary(summary, delivery);
    for (const subscriber of subscribers) {
      try {
        subscriber(delivery);
      } catch (error) {
        config.onSubscriberError?.(error, delivery);
      }
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => {});
    if (closing || events.full()) {
      req.resume();
      answer(res, 503, [['Connection', 'close']], 'webhook-cli: the listener is stopping\n');
      return;
    }
    // The headers as received, looked up there: `req.headers` would build a second copy of them.
    const headers = pairsFromRawHeaders(req.rawHeaders);
    const target = requestPath(req.url ?? '/');
    if (target === null) {
      // `OPTIONS *` or a target that is no path: nothing a capture, `send` or `--path` could use.
      refuse(req, res, 400, 'the request target must be a path (/...) or an http:// URL');
      return;
    }
    const site = getHeader(headers, 'sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      // A web page's request (browsers send Sec-Fetch-Site; webhook senders are servers and do
      // not): a page must not be able to fill the history, the captures or the app behind
      // --forward-to. A no-cors POST can carry text/plain, form and multipart bodies unasked.
      refuse(req, res, 403, `requests made by web pages are refused (Sec-Fetch-Site: ${site})`);
      return;
    }
    const receivedAt = new Date(deps.clock.now()).toISOString();
    sequence += 1;
    const base = {
      id: captureId(receivedAt, sequence, tag),
      receivedAt,
      method: req.method ?? 'GET',
      path: target,
      headers,
      remoteAddress: req.socket.remoteAddress,
    };
    if (mount && !underMount(target, mount)) {
      req.resume();
      answer(
        res,
        404,
        [['Content-Type', 'text/plain; charset=utf-8']],
        `webhook-cli: nothing at this path\n`,
      );
      emit(rejectedDelivery(base, 404));
      return;
    }
    const claim = events.claim();
    const task = (async () => {
      const body = await readBody(req, getHeader(headers, 'content-length'), config.maxBody);
      if (body === 'aborted') {
        claim.release();
        return;
      }
      // A body over --max-body is rejected, like a request outside --path: not a delivery, so it
      // does not count towards --max-events (the summary counts it as rejected, not delivered).
      if (body === 'too-large') claim.release();
      try {
        if (body === 'too-large') {
          // Connection: close, since the rest of the body is not read.
          answer(
            res,
            413,
            [
              ['Content-Type', 'text/plain; charset=utf-8'],
              ['Connection', 'close'],
            ],
            `webhook-cli: the body is larger than the listener's --max-body (${config.maxBody} bytes)\n`,
          );
          req.resume();
          emit(rejectedDelivery(base, 413));
        } else {
          const delivery = await handler.handle({ ...base, body }, (status, headers, responseBody) =>
            answer(res, status, headers, responseBody),
          );
          emit(delivery);
        }
      } finally {
        // Counted even when something above failed, so that --max-events still stops the listener.
        claim.done();
      }
    })().catch((error: unknown) => {
      // Unexpected: answer 500 rather than leave the sender hanging, and keep serving.
      if (!res.headersSent) answer(res, 500, [], `webhook-cli: ${(error as Error).message}\n`);
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    onRequest,
  );
  // Every header is kept (Node keeps only the first 2,000 names and values by default, silently):
  // the header block is already bounded by Node's --max-http-header-size (16 KB).
  server.maxHeadersCount = 0;
  if (config.maxConnections !== undefined) server.maxConnections = config.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    await handler.close();
    throw listenError(error, config);
  });
  server.on('error', () => {});
  const { port } = server.address() as AddressInfo;
  const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closed: Promise<ListenSummary> | null = null;
  // A forced close (a second Ctrl-C) stops waiting for in-flight deliveries.
  let forced = false;
  let stopWaiting: () => void = () => {};
  const forcedStop = new Promise<void>((resolve) => {
    stopWaiting = resolve;
  });
  return {
    url: `http://${hostInUrl}:${port}`,
    host: config.host,
    port,
    limitReached: events.reached,
    decoding: handler.decoding,
    outline: handler.outline,
    onDelivery(callback) {
      subscribers.add(callback);
      return () => subscribers.delete(callback);
    },
    summary: () => summary,
    inFlight: () => inFlight.size,
    close({ force = false } = {}) {
      if (force) {
        forced = true;
        server.closeAllConnections();
        stopWaiting();
      }
      if (closed) return closed;
      closing = true;
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      closed = (async () => {
        while (inFlight.size > 0 && !forced)
          await Promise.race([Promise.allSettled([...inFlight]), forcedStop]);
        server.closeAllConnections();
        await serverClosed;
        await handler.close(forced);
        return summary;
      })();
      return closed;
    },
  };
}

function answer(res: ServerResponse, status: number, headers: HeaderList, body: Buffer | string): void {
  if (res.headersSent || res.destroyed) return;
  const flat: string[] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'content-length') flat.push(name, value);
  }
  const length = Buffer.byteLength(body);
  flat.push('Content-Length', String(length));
  res.writeHead(status, flat);
  if (length === 0) res.end();
  else res.end(body);
}

/** Answers a request that is not a delivery, unread (its body is drained), and closes the connection. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  req.resume();
  answer(
    res,
    status,
    [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Connection', 'close'],
    ],
    `webhook-cli: ${message}\n`,
  );
}

/**
 * The body as one Buffer, or `too-large` as soon as it passes `max` (what arrived is dropped; a
 * declared Content-Length over the cap is refused before reading), or `aborted` when the client
 * went away.
 */
function readBody(
  req: IncomingMessage,
  contentLength: string | undefined,
  max: number,
): Promise<Buffer | 'too-large' | 'aborted'> {
  if (Number(contentLength) > max) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        cleanup();
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onClose = () => {
      cleanup();
      resolve('aborted');
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

function rejectedDelivery(
  base: Pick<Delivery, 'id' | 'receivedAt' | 'method' | 'path' | 'headers' | 'remoteAddress'>,
  status: number,
): Delivery {
  return {
    ...base,
    body: Buffer.alloc(0),
    event: null,
    deliveryId: null,
    signature: null,
    validation: null,
    forward: null,
    response: { status },
    handshake: null,
    savedTo: null,
    saveError: null,
    content: { kind: 'empty' },
    accepted: false,
  };
}

function listenError(error: NodeJS.ErrnoException, config: ListenerSettings): CliError {
  const where = `${config.host}:${config.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new CliError(`cannot listen on ${where}: the port is in use`, {
        hint: 'stop the other program, choose another --port, or use -p 0 for a free port',
        exitCode: ExitCode.usage,
      });
    case 'EACCES':
      return new CliError(`cannot listen on ${where}: permission denied`, {
        hint: 'ports below 1024 need privileges; choose a --port above 1023',
        exitCode: ExitCode.usage,
      });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EINVAL':
      return new CliError(`cannot listen on ${where}: '${config.host}' is not an address of this machine`, {
        hint: 'use --host 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface',
        exitCode: ExitCode.usage,
      });
    default:
      return new CliError(`cannot listen on ${where}: ${error.message}`, { exitCode: ExitCode.usage });
  }
}
