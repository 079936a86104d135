import type { Dispatcher } from 'undici';
import type { Clock } from '../deps.js';
import { UsageError } from '../errors.js';
import { loadAgent } from '../http/load-agent.js';
import { forwardUrl } from '../listen/forward-url.js';
import { withoutHeaders } from '../options/headers.js';
import { DEFAULT_RETRY_STATUSES } from '../send/backoff.js';
import { NEVER_REPLAYED } from '../send/build-request.js';
import { deliverWithRetry } from '../send/deliver-with-retry.js';
import type { SignWith } from '../send/delivery-report.js';
import type { ReplayRequest, ReplayResult } from './start-inspector.js';

export interface InspectorReplayConfig {
  /** listen's `--forward-to`, or null (then the page must name a URL). */
  forwardTo: URL | null;
  /** listen's `--path`, so a replay to the forward target lands where forwarding sends it. */
  mountPath?: string;
  /** Re-sign every attempt (listen's `--verify` scheme and its first secret). */
  sign?: SignWith;
  retries?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

export interface InspectorReplayDeps {
  clock: Clock;
  random: () => number;
  /** Made on first use when absent (and closed by `close()`). */
  dispatcher?: Dispatcher;
}

export interface InspectorReplay {
  replay(request: ReplayRequest): Promise<ReplayResult>;
  close(): Promise<void>;
}

/**
 * The inspector's replay, with send's engine: retries with backoff on transient failures,
 * re-signing each attempt when `sign` is set, redirects not followed. The original bytes go out
 * unchanged; an edited body is the decoded text, so it goes without the original Content-Encoding.
 */
export function createInspectorReplay(
  config: InspectorReplayConfig,
  deps: InspectorReplayDeps,
): InspectorReplay {
  let dispatcher = deps.dispatcher;
  let ownDispatcher: Dispatcher | undefined;
  const getDispatcher = async () => {
    if (dispatcher) return dispatcher;
    const Agent = await loadAgent();
    ownDispatcher = new Agent({ keepAliveTimeout: 10_000 });
    dispatcher = ownDispatcher;
    return dispatcher;
  };
  return {
    async replay(request) {
      const { delivery } = request;
      const url =
        request.url ??
        (config.forwardTo ? forwardUrl(config.forwardTo, delivery.path, config.mountPath) : null);
      if (url === null) {
        throw new UsageError('type a URL to replay to (listen has no --forward-to target)');
      }
      const edited = request.body !== undefined;
      const headers = withoutHeaders(
        delivery.headers,
        edited ? [...NEVER_REPLAYED, 'content-encoding'] : NEVER_REPLAYED,
      );
      const report = await deliverWithRetry(
        { method: delivery.method, url, headers, body: request.body ?? delivery.body },
        {
          retries: config.retries ?? 2,
          minDelayMs: config.minDelayMs ?? 500,
          maxDelayMs: config.maxDelayMs ?? 5_000,
          timeoutMs: config.timeoutMs ?? 10_000,
          retryOn: DEFAULT_RETRY_STATUSES,
          ...(config.sign ? { sign: config.sign } : {}),
        },
        { dispatcher: await getDispatcher(), clock: deps.clock, random: deps.random },
      );
      const result: ReplayResult = {
        ok: report.ok,
        status: report.status,
        attempts: report.attempts.length,
        ms: report.ms,
      };
      if (report.error) result.error = report.error;
      const firstLine = report.attempts.at(-1)?.bodyFirstLine;
      if (firstLine !== undefined) result.responseBodyFirstLine = firstLine;
      return result;
    },
    async close() {
      await ownDispatcher?.close();
    },
  };
}
