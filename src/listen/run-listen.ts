import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { isLoopback } from '../http/is-loopback.js';
import { formatDuration } from '../options/duration.js';
import { createBatchedWriter } from '../output/batched-writer.js';
import { colorLevel, colorsAt, createColors } from '../output/colors.js';
import { deliveryJsonWritten, encodeDeliveryJson } from '../output/delivery-json.js';
import { renderListenSummary } from '../output/delivery-summary.js';
import { type DeliveryTextView, deliveryText, renderDeliveryText } from '../output/delivery-text.js';
import { directDescriptor } from '../output/file-descriptor.js';
import { renderListenReady } from '../output/listen-ready.js';
import { chosenCacheDir } from '../schemas/validator-cache.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { Delivery } from './delivery.js';
import { startDeliveryThread } from './delivery-thread.js';
import type { ListenOptions } from './listen-options.js';
import { summaryPassed } from './listen-summary.js';
import { eventShown } from './match-route.js';
import { openDeliveryHandler } from './prepare-handler.js';
import { announceReady, clearReadyFile } from './ready-file.js';
import { type Listener, type ListenerWithHandler, startListener } from './start-listener.js';

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
  const outLevel = colorLevel(deps.stdout, deps.env);
  const textView: DeliveryTextView = {
    colorLevel: outLevel,
    verbosity: options.verbosity,
    maxLines: options.maxLines,
    full: options.full,
    maxBody: options.maxBody,
    ...(options.path !== undefined && { mountPath: options.path }),
  };
  const config = await prepareListener(options, deps, textView);
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
  const outColors = await colorsAt(outLevel);
  const out = createBatchedWriter(deps.stdout);
  const err = createBatchedWriter(deps.stderr);

  const ready = renderListenReady(options, listener.outline, listener.url);
  for (const line of attached?.readyLines ?? []) {
    ready.push(typeof line === 'string' ? line : `  ${line[0].padEnd(11)}${line[1]}`);
  }
  deps.stderr.write(`${ready.join('\n')}\n`);
  if (!isLoopback(options.host)) {
    deps.stderr.write(
      `${errColors.yellow(`warning: listening on ${options.host}: anyone who can reach this machine can send deliveries`)}\n`,
    );
  }

  const shown = (delivery: Delivery) => eventShown(delivery.event, options.events);
  // The same view as the delivery thread's (its colour level is left unused here).
  const textOptions = { ...textView, colors: outColors };
  listener.onDelivery((delivery) => {
    if (options.output === 'json') {
      if (delivery.accepted) {
        if (shown(delivery) && !deliveryJsonWritten(delivery)) {
          for (const chunk of encodeDeliveryJson(delivery)) out.write(chunk);
        }
      } else {
        err.write(renderDeliveryText(delivery, { ...textOptions, colors: errColors }));
      }
    } else if (!delivery.accepted || shown(delivery)) {
      out.write(deliveryText(delivery, textOptions));
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

/**
 * The listener's settings and its delivery handler: on a thread of its own when there is one to
 * start (see delivery-thread.ts), else on this thread. With `--save` the handler stays here: the
 * capture writer's own thread already takes the heaviest part away, and routing each capture
 * through a second thread measured slower (BENCHMARKS.md).
 */
export async function prepareListener(
  options: ListenOptions,
  deps: Deps,
  /** How the text view is shown (`runListen`'s stdout): rendered on the delivery thread too. */
  textView?: DeliveryTextView,
): Promise<ListenerWithHandler> {
  const saves =
    options.saveDir !== undefined || (options.routes ?? []).some((route) => route.saveDir !== undefined);
  // With stdout redirected to a file or a pipe, the thread writes the --json lines there itself:
  // the listener's thread neither receives nor writes them (BENCHMARKS.md, #18).
  const linesFd = options.output === 'json' ? directDescriptor(deps.stdout) : null;
  const cacheDir = chosenCacheDir(options.cache, deps);
  const handlerOptions = { ...options, ...(cacheDir !== undefined && { cacheDir }) };
  const handlerDeps = {
    cwd: deps.cwd,
    clock: deps.clock,
    warn: (message: string) => deps.stderr.write(`webhook-cli: warning: ${escapeTerminalLine(message)}\n`),
  };
  const threaded = saves
    ? null
    : await startDeliveryThread(handlerOptions, handlerDeps, {
        ...(options.output === 'json' && {
          lines: linesFd === null ? {} : { fd: linesFd, ...(options.events && { events: options.events }) },
        }),
        // The text view, rendered where the delivery was handled (parsed there already) and
        // written here: the listener's thread would otherwise parse each JSON body again to show it.
        ...(options.output === 'text' &&
          textView && { lines: { text: textView, ...(options.events && { events: options.events }) } }),
        // Should the thread stop (a crash), the deliveries after it are handled here.
        fallback: () => openDeliveryHandler(handlerOptions, handlerDeps),
      });
  const config: ListenerWithHandler = {
    port: options.port,
    host: options.host,
    maxBody: options.maxBody,
    maxConnections: options.maxConnections,
    handler: threaded ?? (await openDeliveryHandler(handlerOptions, handlerDeps)),
    // A renderer or the inspector failing on one delivery is told, not silently dropped.
    onSubscriberError: (error, delivery) =>
      deps.stderr.write(
        `warning: cannot show delivery ${delivery.id}: ${escapeTerminalLine((error as Error).message)}\n`,
      ),
  };
  if (options.path !== undefined) config.path = options.path;
  if (options.maxEvents !== undefined) config.maxDeliveries = options.maxEvents;
  return config;
}
