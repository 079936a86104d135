import type { HeaderList } from '../options/headers.js';
import type { SignatureChoice } from '../signatures/load-keys.js';

/** What is done with a delivery: the top-level flags, or a config file's route (see docs/config.md). */
export interface DeliveryOptions {
  /** `--verify` (with `--public-url` as `settings.url`). */
  verify?: SignatureChoice;
  schemaRefs: string[];
  event?: string;
  saveDir?: string;
  forwardTo?: URL;
  /** `--status` (one) or `--respond` (a sequence). */
  statuses: number[];
  /** `--response-body`: the text, or `@file`. */
  responseBody?: string;
  responseHeaders: HeaderList;
  delayMs: number;
  rejectInvalid: boolean;
}

/** A config file's route: deliveries under `path` (of `events`, when given) get its settings. */
export interface RouteOptions extends DeliveryOptions {
  path: string;
  events?: string[];
  /** How messages and the ready lines name it: `routes[1] (/github)`. */
  name: string;
}

/** Everything `webhook-cli listen` was asked to do, parsed and checked by src/cli/listen.ts. */
export interface ListenOptions extends DeliveryOptions {
  port: number;
  host: string;
  path?: string;
  maxBody: number;
  /** `--max-connections`: sockets open at once. */
  maxConnections: number;
  /** `--max-decoding`: decoded bytes of compressed bodies held at once, across requests. */
  maxDecoding: number;
  /** `--events`: only these event types (or their `<type>.<action>`s) are printed. */
  events?: string[];
  /** The config file's routes, tried before the settings above (src/listen/match-route.ts). */
  routes?: RouteOptions[];
  forwardTimeoutMs: number;
  /** `--forward-max-response`: the most of the app's answer that is relayed (default 10 MB). */
  forwardMaxResponseBytes?: number;
  maxEvents?: number;
  timeoutMs?: number;
  output: 'text' | 'json';
  verbosity: 'quiet' | 'normal' | 'verbose';
  maxLines: number;
  full: boolean;
  /**
   * `--ui`: the web inspector, on `--ui-port` (undefined: next to the listener) keeping the last
   * `--ui-history` deliveries, at most `--ui-history-bytes` of them.
   */
  ui?: { port?: number; history: number; historyBytes: number };
  /** `--ready-json`: print `{"type":"listening","url":...}` as the first line on stdout (with --json). */
  readyJson?: boolean;
  /** `--ready-file <path>`: write the same JSON there once the port is bound; removed on stop. */
  readyFile?: string;
  /**
   * The validator cache, as for `validate`: `false` with `--no-cache`, `{ dir }` with `--cache-dir`;
   * by default the environment's cache directory.
   */
  cache?: false | { dir: string };
}
