import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serializeCapture } from '../capture/encode-capture.js';
import { CliError, UsageError } from '../errors.js';
import { isLoopback } from '../http/is-loopback.js';
import type { Delivery } from '../listen/delivery.js';
import { captureDownloadName, captureFromDelivery } from './capture-from-delivery.js';
import { contentOf } from './content-of.js';
import {
  contentMatchesText,
  type DeliverySummary,
  deliveryMatchesText,
  describeDelivery,
  summarizeDelivery,
} from './delivery-view.js';
import { jsonValueOf } from './display-body.js';
import { createHistoryStore, type HeldDelivery } from './history-store.js';
import { type InspectorAsset, loadInspectorAssets } from './inspector-assets.js';
import { diffJson, type JsonDiff } from './json-diff.js';
import { allowedHosts, checkHost, checkReadRequest, checkStateChangingRequest } from './same-origin-guard.js';

export interface ReplayRequest {
  /** The inspector's id of the delivery (`Delivery.id`). */
  deliveryId: string;
  /** Where to send it; absent: the forward target. */
  url?: string;
  /** An edited body (already decoded: send it without the original Content-Encoding); absent: the original bytes. */
  body?: Buffer;
  /** The delivery itself, so the caller needs no history of its own. */
  delivery: HeldDelivery;
}

/** `GET /api/deliveries[?q=]` and the `snapshot` event (src/inspector-page/ reads these types). */
export interface DeliveryList {
  limit: number;
  forwardUrl: string | null;
  deliveries: DeliverySummary[];
}

/** The `delivery` event: a new or updated delivery, and the ids the history dropped for it. */
export interface DeliveryEvent {
  delivery: DeliverySummary;
  dropped: string[];
}

/** `GET /api/diff?from=&to=` */
export interface DiffAnswer extends JsonDiff {
  from: string;
  to: string;
  sameEvent: boolean;
}

export interface ReplayResult {
  ok: boolean;
  status: number | null;
  attempts: number;
  ms: number;
  error?: string;
  responseBodyFirstLine?: string;
}

export interface InspectorOptions {
  /** A loopback address. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  historyLimit: number;
  /** Most bytes of deliveries held (see `heldSize`); the oldest are dropped. Default: no limit. */
  historyBytes?: number;
  /** Deliveries shown from the start (e.g. captures already in the --save directory), oldest first. */
  initial?: Array<HeldDelivery | Delivery>;
  replay: (request: ReplayRequest) => Promise<ReplayResult>;
  /** Where a replay goes when no URL is typed (listen's --forward-to); null: a URL must be typed. */
  forwardUrl?: string | null;
}

export interface InspectorDeps {
  /** Folder holding index.html and style.css (the page's modules: see inspector-assets.ts). */
  assetsDir?: URL;
  /** How often an idle event stream gets a comment line, so proxies and browsers keep it open. */
  heartbeatMs?: number;
  /** Largest replay request body accepted (an edited payload travels in it). */
  maxRequestBytes?: number;
}

export interface Inspector {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Adds a handled delivery to the history and pushes it to every open page. */
  publish(delivery: Delivery): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra?: Record<string, string>,
): void {
  sendJson(res, status, { error: message }, extra);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface ReplayPayload {
  url?: string;
  body?: Buffer;
}

function parseReplayPayload(bytes: Buffer): ReplayPayload | string {
  let value: unknown;
  try {
    value = bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the request body must be JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the request body must be a JSON object';
  const { url, body, bodyEncoding } = value as Record<string, unknown>;
  const payload: ReplayPayload = {};
  if (url !== undefined && url !== null && url !== '') {
    if (typeof url !== 'string') return '"url" must be a string';
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${url}" is not a URL`;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return `"${url}" is not an http:// or https:// URL`;
    payload.url = url;
  }
  if (body !== undefined && body !== null) {
    if (typeof body !== 'string') return '"body" must be a string';
    if (bodyEncoding === 'base64') payload.body = Buffer.from(body, 'base64');
    else if (bodyEncoding === undefined || bodyEncoding === 'utf8') payload.body = Buffer.from(body, 'utf8');
    else return '"bodyEncoding" must be "utf8" or "base64"';
  }
  return payload;
}

/**
 * Starts the web inspector on a loopback address: the page, a JSON API over the history and a
 * Server-Sent Events stream of new deliveries. Replay (the only state-changing endpoint) accepts
 * same-origin requests only; every request must name the inspector in `Host`.
 */
export async function startInspector(
  options: InspectorOptions,
  deps: InspectorDeps = {},
): Promise<Inspector> {
  if (!isLoopback(options.host)) {
    throw new UsageError(`the inspector listens on loopback addresses only, not ${options.host}`, {
      hint: 'it shows every payload and can replay them; use 127.0.0.1 or ::1',
    });
  }
  const assets = await loadInspectorAssets(deps.assetsDir);
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const maxRequestBytes = deps.maxRequestBytes ?? 32 * 1024 * 1024;
  const forwardUrl = options.forwardUrl ?? null;
  const store = createHistoryStore(options.historyLimit, options.historyBytes);
  for (const delivery of options.initial ?? []) store.add(delivery);
  const clients = new Set<ServerResponse>();
  let hosts = new Set<string>();

  const snapshot = (deliveries: readonly HeldDelivery[] = store.list()): DeliveryList => ({
    limit: store.limit,
    forwardUrl,
    deliveries: deliveries.map(summarizeDelivery).reverse(),
  });

  /** Bodies are decoded again one at a time, only for deliveries whose other fields do not match. */
  const search = async (text: string) => {
    if (text === '') return snapshot();
    const found: HeldDelivery[] = [];
    for (const delivery of [...store.list()]) {
      if (deliveryMatchesText(delivery, text) || contentMatchesText(await contentOf(delivery), text)) {
        found.push(delivery);
      }
    }
    return snapshot(found);
  };

  const writeEvent = (res: ServerResponse, event: string, data: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  const openEventStream = (res: ServerResponse) => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8' });
    res.write('retry: 1000\n\n');
    writeEvent(res, 'snapshot', snapshot());
    clients.add(res);
    res.on('close', () => clients.delete(res));
  };

  const sendAsset = (res: ServerResponse, asset: InspectorAsset) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': asset.contentType,
      'content-length': asset.body.length,
    });
    res.end(asset.body);
  };

  const replay = async (req: IncomingMessage, res: ServerResponse, delivery: HeldDelivery) => {
    const bytes = await readBody(req, maxRequestBytes);
    if (bytes === null) {
      sendError(res, 413, `the replay request is larger than ${maxRequestBytes} bytes`);
      return;
    }
    const payload = parseReplayPayload(bytes);
    if (typeof payload === 'string') {
      sendError(res, 400, payload);
      return;
    }
    if (payload.url === undefined && options.forwardUrl === null) {
      sendError(res, 400, 'type a URL to replay to (listen has no --forward-to target)');
      return;
    }
    try {
      const result = await options.replay({ deliveryId: delivery.id, delivery, ...payload });
      sendJson(res, 200, result);
    } catch (error) {
      sendError(res, error instanceof CliError ? 400 : 500, (error as Error).message);
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const host = checkHost(req.headers, hosts);
    if (!host.ok) return sendError(res, 403, host.message);
    const url = new URL(req.url ?? '/', 'http://inspector.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const onlyGet = () => {
      sendError(res, 405, `${method} is not allowed here`, { allow: 'GET' });
    };

    const asset = assets.get(path);
    if (asset) return method === 'GET' ? sendAsset(res, asset) : onlyGet();
    if (!path.startsWith('/api/')) return sendError(res, 404, `nothing at ${path}`);

    const match = /^\/api\/deliveries\/([^/]+)\/replay$/.exec(path);
    if (match) {
      if (method !== 'POST') return sendError(res, 405, `${method} is not allowed here`, { allow: 'POST' });
      const verdict = checkStateChangingRequest(req.headers);
      if (!verdict.ok) return sendError(res, 403, verdict.message);
      const delivery = store.get(decodeURIComponent(match[1] as string));
      if (!delivery) return sendError(res, 404, 'this delivery is no longer in the history');
      return replay(req, res, delivery);
    }

    if (method !== 'GET') return onlyGet();
    const read = checkReadRequest(req.headers);
    if (!read.ok) return sendError(res, 403, read.message);
    if (path === '/api/events') return openEventStream(res);
    if (path === '/api/deliveries')
      return sendJson(res, 200, await search(url.searchParams.get('q')?.trim() ?? ''));
    if (path === '/api/diff') {
      const from = store.get(url.searchParams.get('from') ?? '');
      const to = store.get(url.searchParams.get('to') ?? '');
      if (!from || !to) return sendError(res, 404, 'one of the deliveries is no longer in the history');
      const before = jsonValueOf(await contentOf(from));
      const after = jsonValueOf(await contentOf(to));
      if (!before.ok || !after.ok) return sendError(res, 422, 'both deliveries need a JSON body to compare');
      const answer: DiffAnswer = {
        from: from.id,
        to: to.id,
        sameEvent: from.event === to.event,
        ...diffJson(before.value, after.value),
      };
      return sendJson(res, 200, answer);
    }
    const item = /^\/api\/deliveries\/([^/]+)(\/capture)?$/.exec(path);
    if (item) {
      const delivery = store.get(decodeURIComponent(item[1] as string));
      if (!delivery) return sendError(res, 404, 'this delivery is no longer in the history');
      if (!item[2]) return sendJson(res, 200, describeDelivery(delivery, await contentOf(delivery)));
      const body = serializeCapture(captureFromDelivery(delivery));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'content-disposition': `attachment; filename="${captureDownloadName(delivery.id)}"`,
      });
      res.end(body);
      return;
    }
    return sendError(res, 404, `nothing at ${path}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, (error as Error).message);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new UsageError(`--ui-port ${options.port} is already in use`, {
            hint: 'choose another port with --ui-port, or leave it out to use a free one',
            cause: error,
          }),
        );
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(options.host, port);

  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    publish(delivery) {
      const dropped = store.add(delivery);
      // Under load most deliveries arrive with no page open: nothing to build for anyone then.
      if (clients.size === 0) return;
      const event: DeliveryEvent = { delivery: summarizeDelivery(delivery), dropped };
      for (const client of clients) writeEvent(client, 'delivery', event);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
