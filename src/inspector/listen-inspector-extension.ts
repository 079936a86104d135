import type { Deps } from '../deps.js';
import type { ListenOptions } from '../listen/listen-options.js';
import type { ListenExtension } from '../listen/run-listen.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { startListenInspector } from './start-listen-inspector.js';

/**
 * `listen --ui`: once the listener accepts connections, starts the inspector next to it, feeds it
 * every delivery and adds the `Inspector: <url>` line under the ready lines. Nothing else in
 * listen's terminal output changes.
 */
export function listenInspectorExtension(
  options: ListenOptions,
  ui: NonNullable<ListenOptions['ui']>,
  deps: Pick<Deps, 'clock' | 'random' | 'stderr'>,
): ListenExtension {
  return {
    async attach(listener) {
      const inspector = await startListenInspector(
        {
          host: options.host,
          port: ui.port,
          listenerPort: listener.port,
          history: ui.history,
          historyBytes: ui.historyBytes,
          ...(options.forwardTo !== undefined && { forwardTo: options.forwardTo }),
          ...(options.path !== undefined && { mountPath: options.path }),
          ...(options.verify !== undefined && { verify: options.verify }),
          ...(options.saveDir !== undefined && { saveDir: options.saveDir }),
        },
        {
          clock: deps.clock,
          random: deps.random,
          warn: (message) => deps.stderr.write(`warning: ${escapeTerminalLine(message)}\n`),
        },
      );
      const unsubscribe = listener.onDelivery((delivery) => inspector.publish(delivery));
      return {
        readyLines: [`Inspector: ${inspector.url}`],
        close: async () => {
          unsubscribe();
          await inspector.close();
        },
      };
    },
  };
}
