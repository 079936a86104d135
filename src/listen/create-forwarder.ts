import type { Clock } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import { RefusedPathError } from '../http/append-path.js';
import { DispatchForms } from '../http/dispatch-form.js';
import { dispatchRequest } from '../http/dispatch-request.js';
import { loadAgent } from '../http/load-agent.js';
import { type HeaderList, HOP_BY_HOP_HEADERS } from '../options/headers.js';
import { formatSize } from '../options/size.js';
import type { Delivery } from './delivery.js';
import { forwardUrl } from './forward-url.js';

/** `--forward-max-response`'s default: far more than a webhook endpoint answers, far less than memory. */
export const FORWARD_MAX_RESPONSE_BYTES = 10 * 1024 ** 2;

/** How much of the app's answer is kept on the delivery for `--verbose` and the inspector. */
const SHOWN_BODY_BYTES = 4096;

export interface ForwardOptions {
  url: URL;
  timeoutMs: number;
  /** `--path`: what follows it in the request path is appended to `url`. */
  mountPath?: string;
  /** `--forward-max-response`: a longer answer from the app is not relayed (502). */
  maxResponseBytes: number;
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
 * Forwards deliveries to the user's app through the HTTP client send uses (undici's Agent, loaded
 * only when `--forward-to` is used):
 * same method, path suffix, query, headers minus hop-by-hop, exact body bytes; no redirects
 * followed. A path that would climb out of the target's path is refused with 400, a refused
 * connection is 502, no answer within `timeoutMs` is 504, an answer over `maxResponseBytes` is 502
 * (read no further than that). What the sender gets back on a failure names neither the target
 * URL nor its query (they may hold a token); the delivery's `forward` result, shown only locally,
 * says what happened.
 */
export async function createForwarder(options: ForwardOptions, clock: Clock): Promise<Forwarder> {
  if (options.url.username || options.url.password) {
    // Checked by the command too; never sent on, never printed.
    throw new UsageError('--forward-to: credentials in the URL are not supported');
  }
  const Agent = await loadAgent();
  const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: options.timeoutMs } });
  const forms = new DispatchForms();
  return {
    async forward(incoming) {
      let url: string;
      try {
        url = forwardUrl(options.url, incoming.path, options.mountPath);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        const why =
          error instanceof RefusedPathError && error.why === 'hides'
            ? "the request path hides a dot segment behind ';' or an encoded slash"
            : 'the request path climbs out of the forwarding path';
        return failed(400, why, {
          url: options.url.href,
          status: null,
          ms: 0,
          error: error.message,
        });
      }
      const started = clock.now();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
      try {
        const response = await dispatchRequest(
          agent,
          {
            ...forms.target(url),
            method: incoming.method as 'POST',
            headers: forwardedHeaders(incoming.headers),
            body: incoming.method === 'GET' || incoming.method === 'HEAD' ? null : incoming.body,
          },
          { signal: controller.signal, keepWhole: { maxBytes: options.maxResponseBytes } },
        );
        if (response.tooLarge) {
          const limit = formatSize(options.maxResponseBytes);
          return failed(502, "the app's response was too large", {
            url,
            status: null,
            ms: clock.now() - started,
            error: `the app answered ${response.status} with more than --forward-max-response (${limit})`,
          });
        }
        const body = response.head;
        const headers = (response.headers ?? []).filter(
          ([name]) => !HOP_BY_HOP_HEADERS.has(name.toLowerCase()),
        );
        return {
          result: {
            url,
            status: response.status,
            ms: clock.now() - started,
            error: null,
            body: body.subarray(0, SHOWN_BODY_BYTES).toString('utf8'),
          },
          status: response.status,
          headers,
          body,
        };
      } catch (error) {
        const ms = clock.now() - started;
        if (timedOut) {
          return failed(504, 'the app did not answer in time', {
            url,
            status: null,
            ms,
            error: `no answer within ${options.timeoutMs}ms`,
          });
        }
        return failed(502, 'the app could not be reached', {
          url,
          status: null,
          ms,
          error: describeNetworkError(error as NodeJS.ErrnoException),
        });
      } finally {
        clearTimeout(timer);
      }
    },
    close: (force = false) => (force ? agent.destroy() : agent.close()),
  };
}

/** An answer of webhook-cli's own: `why` is all the sender learns; `result` is for the terminal. */
function failed(status: number, why: string, result: NonNullable<Delivery['forward']>): ForwardOutcome {
  return {
    result,
    status,
    headers: [['Content-Type', 'text/plain; charset=utf-8']],
    body: Buffer.from(`webhook-cli: forwarding failed: ${why}\n`),
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
