import type { Clock } from '../deps.js';
import { isLoopback } from '../http/is-loopback.js';
import type { SignatureChoice } from '../signatures/load-keys.js';
import { createInspectorReplay } from './create-inspector-replay.js';
import { loadSavedCaptures } from './load-saved-captures.js';
import { type Inspector, startInspector } from './start-inspector.js';

export interface ListenInspectorOptions {
  /** listen's `--host` when it is a loopback address; the inspector never binds anything else. */
  host: string;
  /** `--ui-port`; undefined: the first free port after the listener's. */
  port: number | undefined;
  /** The port the listener got (0 when it was asked for a random one). */
  listenerPort: number;
  /** `--ui-history`. */
  history: number;
  /** `--ui-history-bytes`; default: no limit. */
  historyBytes?: number;
  forwardTo?: URL;
  /** `--path`. */
  mountPath?: string;
  /** `--verify`: replays are re-signed as its provider with the first secret (not for `auto`). */
  verify?: SignatureChoice;
  /** `--save`: captures already there are shown from the start. */
  saveDir?: string;
}

export interface ListenInspectorDeps {
  clock: Clock;
  random: () => number;
  /** Told about capture files in --save that cannot be read (they are left out). */
  warn?: (message: string) => void;
}

// How many ports after the listener's are tried before settling for any free one.
const NEXT_PORT_TRIES = 10;

function isPortInUse(error: unknown): boolean {
  return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/**
 * `listen --ui`: the inspector with send's replay engine, the --save directory's captures and a
 * port next to the listener's. The caller prints `Inspector: <url>` and calls `publish` for each
 * delivery; `close` stops the server and the replay connections.
 */
export async function startListenInspector(
  options: ListenInspectorOptions,
  deps: ListenInspectorDeps,
): Promise<Inspector> {
  const engine = createInspectorReplay(
    {
      forwardTo: options.forwardTo ?? null,
      ...(options.mountPath !== undefined ? { mountPath: options.mountPath } : {}),
      ...(resignAs(options.verify) ?? {}),
    },
    { clock: deps.clock, random: deps.random },
  );
  const initial = options.saveDir
    ? await loadSavedCaptures(options.saveDir, {
        limit: options.history,
        ...(options.historyBytes !== undefined && { maxBytes: options.historyBytes }),
        onSkip: (path, message) => deps.warn?.(`inspector: skipped ${path}: ${message}`),
      })
    : [];
  const host = isLoopback(options.host) ? options.host : '127.0.0.1';
  const base = {
    host,
    historyLimit: options.history,
    ...(options.historyBytes !== undefined && { historyBytes: options.historyBytes }),
    initial,
    replay: engine.replay,
    forwardUrl: options.forwardTo?.href ?? null,
  };
  const candidates =
    options.port !== undefined
      ? [options.port]
      : options.listenerPort === 0
        ? [0]
        : [
            ...Array.from({ length: NEXT_PORT_TRIES }, (_, i) => options.listenerPort + 1 + i).filter(
              (port) => port <= 65_535,
            ),
            0,
          ];
  let inspector: Inspector | undefined;
  for (const [index, port] of candidates.entries()) {
    try {
      inspector = await startInspector({ ...base, port });
      break;
    } catch (error) {
      if (!isPortInUse(error) || index === candidates.length - 1 || options.port !== undefined) {
        await engine.close();
        throw error;
      }
    }
  }
  const started = inspector as Inspector;
  return {
    ...started,
    async close() {
      await started.close();
      await engine.close();
    },
  };
}

/** Replays are signed afresh as the `--verify` provider, when it signs with a secret. */
function resignAs(verify: SignatureChoice | undefined) {
  const settings = verify?.settings;
  if (!settings || settings.provider === 'auto' || settings.secrets.length === 0) return undefined;
  return { sign: { ...settings, provider: settings.provider } };
}
