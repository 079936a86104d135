import { LISTEN_DEFAULTS } from '../../config/flag-defaults.js';
import { UsageError } from '../../errors.js';
import type { Delivery } from '../../listen/delivery.js';
import type { ListenOptions } from '../../listen/listen-options.js';
import type { ListenSummary } from '../../listen/listen-summary.js';
import { prepareListener } from '../../listen/run-listen.js';
import { startListener } from '../../listen/start-listener.js';
import { parseDuration } from '../../options/duration.js';
import { parseInteger } from '../../options/numbers.js';
import { type ListenFlags, listenOptionsWithConfig, toListenOptions } from '../listen.js';
import {
  type ApiIo,
  apiDeps,
  type Duration,
  durationText,
  flagList,
  flagText,
  type Size,
} from './api-deps.js';
import {
  createDeliveryQueue,
  type DeliveryFilter,
  DeliveryWaitError,
  describeFilter,
  matcher,
} from './delivery-queue.js';
import { headerFlags, type SignatureInput, toSignatureFlags } from './signature-input.js';

/** `listen`'s flags as options (see docs/listen.md); defaults are the CLI's. */
export interface ListenApiOptions extends SignatureInput, ApiIo {
  /** `--port` (default 9876; 0 picks a free one). */
  port?: number | string;
  /** `--host` (default 127.0.0.1). */
  host?: string;
  /** `--path`: deliveries only there and below; others get 404. */
  path?: string;
  /** `--verify <scheme>`: github, stripe, standard-webhooks, svix, shopify, slack, hmac. */
  verify?: string;
  /** `--schema`: file, directory or builtin; one or several. */
  schema?: string | readonly string[];
  /** `--event`: the event type to validate as. */
  event?: string;
  /** `--save <dir>`: a capture file per delivery. */
  save?: string;
  /** `--forward-to <url>`. */
  forwardTo?: string | URL;
  /** `--forward-timeout` (default 30s). */
  forwardTimeout?: Duration;
  /** `--forward-max-response` (default 10mb). */
  forwardMaxResponse?: Size;
  /** `--status` (default 200). */
  status?: number;
  /** `--respond`: scripted statuses, the last one repeats. */
  respond?: readonly number[] | string;
  /** `--response-body`: the text, or `@file`. */
  responseBody?: string;
  /** `--response-header`s. */
  responseHeader?: Readonly<Record<string, string>> | readonly string[];
  /** `--delay` before answering. */
  delay?: Duration;
  /** `--reject-invalid`: 401 for a failed signature, 422 for an invalid payload. */
  rejectInvalid?: boolean;
  /** `--max-events`: take no more than this many deliveries (later ones get 503). */
  maxEvents?: number;
  /** `--max-body` (default 1mb). */
  maxBody?: Size;
  /** `--max-connections` (default 256). */
  maxConnections?: number;
  /** `--max-decoding`: decoded bytes of compressed bodies held at once (default 64mb). */
  maxDecoding?: Size;
  /** Deliveries kept for `next()` and `deliveries` until taken; beyond it the oldest is dropped. Default 1000. */
  buffer?: number;
  /**
   * `--config`: settings and routes from this .json/.yaml file (relative to `cwd`); the options
   * given here win over it. The API never looks for a file it was not given.
   */
  config?: string;
}

/** What `next()` takes: a filter (or a bare predicate), and how long to wait. */
export type NextFilter = (DeliveryFilter & { timeout?: Duration }) | ((delivery: Delivery) => boolean);

export interface Hook {
  /** `http://127.0.0.1:<port>` (with the `path` when given). */
  url: string;
  port: number;
  host: string;
  /**
   * The first delivery not yet taken that matches (oldest first), waiting for one if need be; rejects
   * with a `DeliveryWaitError` saying what did arrive after `timeout` (default 4s) or on `close()`.
   */
  next(filter?: NextFilter): Promise<Delivery>;
  /** Every delivery not taken by `next()`, in order; ends when the hook closes. */
  deliveries: AsyncIterable<Delivery>;
  /** Deliveries dropped because `buffer` were waiting untaken. */
  dropped(): number;
  /** Counts so far, as the CLI's summary shows them. */
  summary(): ListenSummary;
  /** Stops: in-flight deliveries finish, then every connection closes. Resolves with the summary. */
  close(): Promise<ListenSummary>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Below the 5 s test timeout of vitest and jest, so that the failure says what arrived instead. */
export const DEFAULT_NEXT_TIMEOUT = '4s';
export const DEFAULT_BUFFER = 1000;

/**
 * `webhook-cli listen` for a program: starts the same listener with the same options and resolves
 * once it accepts connections. Prints nothing unless given streams; installs no signal handlers.
 */
export async function listen(options: ListenApiOptions = {}): Promise<Hook> {
  const deps = apiDeps(options);
  const flags = toListenFlags(options);
  let listenOptions: ListenOptions;
  if (options.config === undefined) listenOptions = toListenOptions(flags, deps.env);
  else {
    const { loadConfig } = await import('../../config/load-config.js');
    const config = await loadConfig(options.config, deps);
    const given = (key: keyof ListenFlags) =>
      (key === 'param' ? options.params : options[key as keyof ListenApiOptions]) !== undefined;
    listenOptions = listenOptionsWithConfig(flags, given, config, deps.env);
  }
  const capacity = parseInteger(String(options.buffer ?? DEFAULT_BUFFER), 'buffer', 1);
  const config = await prepareListener(listenOptions, deps);
  const listener = await startListener(config, deps);
  const queue = createDeliveryQueue(capacity, deps.clock);
  listener.onDelivery((delivery) => queue.push(delivery));
  let closing: Promise<ListenSummary> | undefined;
  const close = () => {
    closing ??= listener.close().finally(() => queue.close());
    return closing;
  };
  const url = listenOptions.path ? `${listener.url}${listenOptions.path}` : listener.url;
  return {
    url,
    port: listener.port,
    host: listener.host,
    async next(filter) {
      const timeout = typeof filter === 'function' ? undefined : filter?.timeout;
      const timeoutMs = parseDuration(durationText(timeout) ?? DEFAULT_NEXT_TIMEOUT, 'timeout');
      const what = describeFilter(filter);
      const delivery = await queue.take(matcher(filter), timeoutMs, what);
      if (delivery === null) {
        throw new DeliveryWaitError(
          `no delivery ${what ? `${what} ` : ''}arrived before the listener closed`,
        );
      }
      return delivery;
    },
    deliveries: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const delivery = await queue.take(() => true);
          if (delivery === null) return;
          yield delivery;
        }
      },
    },
    dropped: () => queue.dropped(),
    summary: () => listener.summary(),
    close,
    async [Symbol.asyncDispose]() {
      await close();
    },
  };
}

/** The options as the flag texts commander would hand over, defaults included. */
function toListenFlags(options: ListenApiOptions): ListenFlags {
  const flags: ListenFlags = {
    ...toSignatureFlags(options),
    port: flagText(options.port) ?? LISTEN_DEFAULTS.port,
    host: options.host ?? LISTEN_DEFAULTS.host,
    forwardTimeout: durationText(options.forwardTimeout) ?? LISTEN_DEFAULTS.forwardTimeout,
    forwardMaxResponse: flagText(options.forwardMaxResponse) ?? LISTEN_DEFAULTS.forwardMaxResponse,
    maxBody: flagText(options.maxBody) ?? LISTEN_DEFAULTS.maxBody,
    maxLines: LISTEN_DEFAULTS.maxLines,
    maxConnections: flagText(options.maxConnections) ?? LISTEN_DEFAULTS.maxConnections,
    maxDecoding: flagText(options.maxDecoding) ?? LISTEN_DEFAULTS.maxDecoding,
  };
  const schema = flagList(options.schema);
  if (schema !== undefined) flags.schema = schema;
  const responseHeader = headerFlags(options.responseHeader);
  if (responseHeader !== undefined) flags.responseHeader = responseHeader;
  const text: Array<[keyof ListenFlags, string | undefined]> = [
    ['path', options.path],
    ['verify', options.verify],
    ['event', options.event],
    ['save', options.save],
    ['forwardTo', options.forwardTo === undefined ? undefined : String(options.forwardTo)],
    ['status', flagText(options.status)],
    ['respond', typeof options.respond === 'string' ? options.respond : options.respond?.join(',')],
    ['responseBody', options.responseBody],
    ['delay', durationText(options.delay)],
    ['maxEvents', flagText(options.maxEvents)],
  ];
  for (const [key, value] of text)
    if (value !== undefined) (flags as unknown as Record<string, string>)[key] = value;
  if (options.rejectInvalid) flags.rejectInvalid = true;
  for (const key of ['ui', 'json', 'quiet', 'verbose', 'timeout'] as const) {
    if (key in options) {
      throw new UsageError(`listen(): '${key}' is a CLI option`, {
        hint: 'the API returns deliveries instead of printing them; stop with close()',
      });
    }
  }
  return flags;
}
