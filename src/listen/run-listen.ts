import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { ExitCode, InputError } from '../errors.js';
import { isLoopback } from '../http/is-loopback.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { formatDuration } from '../options/duration.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import { createBatchedWriter } from '../output/batched-writer.js';
import { createColors } from '../output/colors.js';
import { encodeDeliveryJson } from '../output/delivery-json.js';
import { renderListenSummary } from '../output/delivery-summary.js';
import { renderDeliveryText } from '../output/delivery-text.js';
import { renderListenReady } from '../output/listen-ready.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { loadSignatureKeys } from '../signatures/load-keys.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { FORWARD_MAX_RESPONSE_BYTES } from './create-forwarder.js';
import type { Delivery } from './delivery.js';
import type { DeliverySettings, RouteSettings } from './handle-delivery.js';
import type { DeliveryOptions, ListenOptions } from './listen-options.js';
import { summaryPassed } from './listen-summary.js';
import { eventMatches } from './match-route.js';
import { announceReady, clearReadyFile } from './ready-file.js';
import { type Listener, type ListenerConfig, startListener } from './start-listener.js';

/**
 * Something that rides along with the listener (the `--ui` web inspector): attached once the
 * listener accepts connections, it subscribes with `listener.onDelivery`, may add ready lines
 * (`[label, text]` in the option column, or a whole line as a string), and is closed after the
 * listener.
 */
export interface ListenExtension {
  attach(
    listener: Listener,
  ): Promise<{ readyLines?: Array<[string, string] | string>; close?: () => Promise<void> }>;
}

/**
 * `webhook-cli listen`: prepares what the options ask for (schemas, capture directory, response
 * body), starts the listener, renders each delivery, stops on --max-events, --timeout, SIGINT or
 * SIGTERM, prints the summary and returns the exit code.
 */
export async function runListen(
  options: ListenOptions,
  deps: Deps,
  extension?: ListenExtension,
): Promise<ExitCode> {
  if (options.readyFile !== undefined) await clearReadyFile(options.readyFile, deps);
  const config = await prepareConfig(options, deps);
  const startedMs = deps.clock.now();
  const listener = await startListener(config, deps);
  const attached = await extension?.attach(listener).catch(async (error: unknown) => {
    await listener.close({ force: true });
    throw error;
  });
  const readiness = await announceReady(options, listener, deps).catch(async (error: unknown) => {
    await listener.close({ force: true });
    await attached?.close?.();
    throw error;
  });
  const errColors = await createColors(deps.stderr, deps.env);
  const outColors = await createColors(deps.stdout, deps.env);
  const out = createBatchedWriter(deps.stdout);
  const err = createBatchedWriter(deps.stderr);

  const ready = renderListenReady(options, config, listener.url);
  for (const line of attached?.readyLines ?? []) {
    ready.push(typeof line === 'string' ? line : `  ${line[0].padEnd(11)}${line[1]}`);
  }
  deps.stderr.write(`${ready.join('\n')}\n`);
  if (!isLoopback(options.host)) {
    deps.stderr.write(
      `${errColors.yellow(`warning: listening on ${options.host}: anyone who can reach this machine can send deliveries`)}\n`,
    );
  }

  const shown = (delivery: Delivery) => {
    if (!options.events) return true;
    return delivery.event !== null && eventMatches(delivery.event, options.events);
  };
  const textOptions = {
    colors: outColors,
    verbosity: options.verbosity,
    maxLines: options.maxLines,
    full: options.full,
    maxBody: options.maxBody,
    ...(options.path !== undefined && { mountPath: options.path }),
  };
  listener.onDelivery((delivery) => {
    if (options.output === 'json') {
      if (delivery.accepted) {
        if (shown(delivery)) for (const chunk of encodeDeliveryJson(delivery)) out.write(chunk);
      } else {
        err.write(renderDeliveryText(delivery, { ...textOptions, colors: errColors }));
      }
    } else if (!delivery.accepted || shown(delivery)) {
      out.write(renderDeliveryText(delivery, textOptions));
    }
    if (delivery.saveError)
      err.write(`${errColors.red(`warning: ${escapeTerminalLine(delivery.saveError)}`)}\n`);
  });

  const { reason, removeSignalHandlers } = await waitForStop(options, listener, deps, () => {
    const pending = listener.inFlight();
    if (pending > 0) {
      const what = pending === 1 ? '1 delivery' : `${pending} deliveries`;
      deps.stderr.write(`Stopping: finishing ${what} in flight (Ctrl-C again to stop now)\n`);
    }
  });
  const summary = await listener.close();
  await attached?.close?.();
  await readiness.remove();
  removeSignalHandlers();
  out.flush();
  err.flush();
  // With --max-events, stopping early (--timeout, Ctrl-C) means deliveries a test waited for never came.
  const short = options.maxEvents !== undefined && summary.deliveries < options.maxEvents;
  deps.stderr.write(
    renderListenSummary(summary, {
      colors: errColors,
      reason,
      durationMs: deps.clock.now() - startedMs,
      ...(short && { expected: options.maxEvents }),
    }),
  );
  return summaryPassed(summary) && !short ? ExitCode.ok : ExitCode.checkFailed;
}

/**
 * Resolves with why the listener should stop. A first SIGINT/SIGTERM stops gracefully (`onStopping`
 * runs); a second one forces the listener closed.
 */
async function waitForStop(
  options: ListenOptions,
  listener: Listener,
  deps: Deps,
  onStopping: () => void,
): Promise<{ reason: string; removeSignalHandlers: () => void }> {
  const abort = new AbortController();
  let signalCount = 0;
  let stopBySignal: (reason: string) => void = () => {};
  const onSignal = (reason: string) => () => {
    signalCount += 1;
    if (signalCount === 1) stopBySignal(reason);
    else void listener.close({ force: true });
  };
  const removers = [
    deps.signals.on('SIGINT', onSignal('Ctrl-C')),
    deps.signals.on('SIGTERM', onSignal('SIGTERM')),
  ];
  const stops: Array<Promise<string>> = [
    new Promise((resolve) => {
      stopBySignal = resolve;
    }),
  ];
  if (options.maxEvents !== undefined) {
    stops.push(listener.limitReached.then(() => `--max-events ${options.maxEvents}`));
  }
  if (options.timeoutMs !== undefined) {
    const timeoutMs = options.timeoutMs;
    stops.push(
      deps.clock.sleep(timeoutMs, abort.signal).then(
        () => `--timeout ${formatDuration(timeoutMs)}`,
        () => new Promise<string>(() => {}),
      ),
    );
  }
  const reason = await Promise.race(stops);
  abort.abort();
  onStopping();
  return {
    reason,
    removeSignalHandlers: () => {
      for (const remove of removers) remove();
    },
  };
}

export async function prepareConfig(options: ListenOptions, deps: Deps): Promise<ListenerConfig> {
  const { detectEventType } = await import('../schemas/detect-event.js');
  // Capture writers run on threads: those already opened are closed when a later part fails.
  const opened: DeliverySettings[] = [];
  const prepare = async (each: DeliveryOptions, mountPath: string | undefined) => {
    const settings = await prepareSettings(each, mountPath, options, deps);
    opened.push(settings);
    return settings;
  };
  try {
    const config: ListenerConfig = {
      port: options.port,
      host: options.host,
      maxBody: options.maxBody,
      maxConnections: options.maxConnections,
      maxDecoding: options.maxDecoding,
      detectEvent: detectEventType,
      ...(await prepare(options, options.path)),
    };
    if (options.path !== undefined) config.path = options.path;
    if (options.routes !== undefined && options.routes.length > 0) {
      const routes: RouteSettings[] = [];
      for (const route of options.routes) {
        const settings = await prepare(route, route.path);
        routes.push({ path: route.path, ...(route.events && { events: route.events }), ...settings });
      }
      config.routes = routes;
    }
    // A renderer or the inspector failing on one delivery is told, not silently dropped.
    config.onSubscriberError = (error, delivery) =>
      deps.stderr.write(
        `warning: cannot show delivery ${delivery.id}: ${escapeTerminalLine((error as Error).message)}\n`,
      );
    if (options.maxEvents !== undefined) config.maxDeliveries = options.maxEvents;
    return config;
  } catch (error) {
    await Promise.all(opened.map((settings) => settings.save?.close?.()));
    throw error;
  }
}

/**
 * Keys, schemas, capture writer and forwarding for the top-level settings or one route; `mountPath`
 * (`--path`, or the route's path) is what forwarding strips from the request path.
 */
async function prepareSettings(
  options: DeliveryOptions,
  mountPath: string | undefined,
  listen: ListenOptions,
  deps: Deps,
): Promise<DeliverySettings> {
  const settings: DeliverySettings = {
    response: {
      statuses: options.statuses,
      body: await responseBody(options.responseBody, deps.cwd),
      headers: options.responseHeaders,
      delayMs: options.delayMs,
      rejectInvalid: options.rejectInvalid,
    },
  };
  if (options.event !== undefined) settings.event = options.event;
  if (options.verify) settings.verify = await loadSignatureKeys(options.verify, deps);
  if (options.schemaRefs.length > 0) settings.schemas = await loadSchemas(options.schemaRefs, deps.cwd);
  if (options.saveDir !== undefined) {
    const { openThreadedCaptureWriter } = await import('./open-threaded-capture-writer.js');
    settings.save = await openThreadedCaptureWriter(resolve(deps.cwd, options.saveDir));
  }
  if (options.forwardTo) {
    settings.forward = {
      url: options.forwardTo,
      timeoutMs: listen.forwardTimeoutMs,
      maxResponseBytes: listen.forwardMaxResponseBytes ?? FORWARD_MAX_RESPONSE_BYTES,
    };
    if (mountPath !== undefined) settings.forward.mountPath = mountPath;
  }
  return settings;
}

async function loadSchemas(refs: string[], cwd: string): Promise<SchemaRegistry> {
  const { loadSchemaRegistry } = await import('../schemas/load-schema-registry.js');
  return loadSchemaRegistry(refs, { cwd, strict: false });
}

async function responseBody(value: string | undefined, cwd: string): Promise<Buffer> {
  if (value === undefined) return Buffer.alloc(0);
  if (!value.startsWith('@')) return Buffer.from(value);
  const file = value.slice(1);
  try {
    return readNamedFile(resolve(cwd, file), file, DEFAULT_MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    throw new InputError(`--response-body: ${error.message}`, {
      hint: 'write --response-body @path/to/file, or the text itself',
    });
  }
}

/** The ready line, then one line per active option. */
