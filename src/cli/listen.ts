import { type Command, Option } from 'commander';
import { describePath } from '../config/describe-path.js';
import { LISTEN_DEFAULTS } from '../config/flag-defaults.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ExitCode, UsageError } from '../errors.js';
import { parseHttpUrl } from '../http/parse-http-url.js';
import type { DeliveryOptions, ListenOptions } from '../listen/listen-options.js';
import { parseDuration } from '../options/duration.js';
import { parseHeaderFlags } from '../options/headers.js';
import { collect, parseInteger, parsePort } from '../options/numbers.js';
import { parseSize } from '../options/size.js';
import type { SignatureChoice } from '../signatures/load-keys.js';
import { CACHE_DIR_OPTION, type CacheFlags, cacheChoice, NO_CACHE_OPTION } from './cache-flags.js';
import {
  FLAG_NAMES,
  fileNames,
  listenSectionFlags,
  mergeFileFlags,
  type OptionNames,
  relabel,
  settingsFlags,
} from './config-flags.js';
import type { CommandContext } from './context.js';
import { examples } from './context.js';
import { addSecretOptions, type SignatureFlags } from './signature-flags.js';
import { checkSignedUrl, resolveOptionalSignature } from './signature-options.js';

export interface ListenFlags extends SignatureFlags, CacheFlags {
  port: string;
  host: string;
  path?: string;
  verify?: string;
  publicUrl?: string;
  schema?: string[];
  event?: string;
  events?: string;
  save?: string;
  forwardTo?: string;
  forwardTimeout: string;
  forwardMaxResponse: string;
  status?: string;
  respond?: string;
  responseBody?: string;
  responseHeader?: string[];
  delay?: string;
  rejectInvalid?: boolean;
  maxEvents?: string;
  timeout?: string;
  maxBody: string;
  maxConnections: string;
  maxDecoding: string;
  maxLines: string;
  full?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  json?: boolean;
  readyJson?: boolean;
  readyFile?: string;
  ui?: boolean;
  uiPort?: string;
  uiHistory?: string;
  uiHistoryBytes?: string;
  /** `--config <file>`, or false for `--no-config`. */
  config?: string | false;
  printConfig?: boolean;
}

export function registerListen(program: Command, context: CommandContext): void {
  const command = program
    .command('listen')
    .description('receive webhooks on a local port: print, verify, validate, save and forward every delivery')
    .option('-p, --port <n>', 'port to listen on (0 picks a free one)', LISTEN_DEFAULTS.port)
    .option(
      '--host <addr>',
      'address to bind (anything but loopback is reachable from the network)',
      LISTEN_DEFAULTS.host,
    )
    .option('--path <path>', 'accept deliveries only at this path (and below); others get 404')
    .option(
      '--verify <scheme>',
      "check signatures: a provider id (webhook-cli providers), hmac, or auto (each delivery's provider)",
    )
    .option(
      '--public-url <url>',
      'the URL the provider calls (a tunnel in front), for providers that sign it',
    );
  addSecretOptions(command, 'verify');
  command
    .option(
      '-s, --schema <ref>',
      'validate against this schema (file, directory or builtin; repeatable)',
      collect,
    )
    .option('-e, --event <type>', 'event type to validate as (default: from headers and body)')
    .option(...CACHE_DIR_OPTION)
    .option(...NO_CACHE_OPTION)
    .option('--events <types>', 'print only these event types, comma-separated (others are still answered)')
    .option('--save <dir>', 'save each delivery as a capture file in this directory')
    .option('--forward-to <url>', 'forward each delivery to your app and answer with its response')
    .option(
      '--forward-timeout <duration>',
      'how long to wait for the app (then 504)',
      LISTEN_DEFAULTS.forwardTimeout,
    )
    .option(
      '--forward-max-response <size>',
      'largest app answer relayed (larger get 502)',
      LISTEN_DEFAULTS.forwardMaxResponse,
    )
    .option('--status <code>', 'status to answer with when not forwarding (default: 200)')
    .option('--respond <codes>', 'scripted statuses, e.g. 500,500,200 (the last one repeats)')
    .option('--response-body <text|@file>', 'body to answer with')
    .option('--response-header <header>', "header to answer with, 'Name: value' (repeatable)", collect)
    .option('--delay <duration>', 'wait this long before answering')
    .option('--reject-invalid', 'answer 401 to a failed signature and 422 to an invalid payload')
    .option('--max-events <n>', 'stop after n deliveries')
    .option('--timeout <duration>', 'stop after this long')
    .option('--max-body <size>', 'largest body accepted (larger get 413)', LISTEN_DEFAULTS.maxBody)
    .option(
      '--max-connections <n>',
      'connections open at once (more are closed at once)',
      LISTEN_DEFAULTS.maxConnections,
    )
    .option(
      '--max-decoding <size>',
      'decoded size of compressed bodies held at once, all requests together (others wait)',
      LISTEN_DEFAULTS.maxDecoding,
    )
    .option('--max-lines <n>', 'body lines printed per delivery', LISTEN_DEFAULTS.maxLines)
    .option('--full', 'print whole bodies')
    .addOption(new Option('-v, --verbose', 'also print headers and the app response body').conflicts('quiet'))
    .option('-q, --quiet', 'print only one line per delivery')
    .addOption(
      new Option('--json', 'one JSON object per delivery per line (NDJSON) on stdout').conflicts([
        'quiet',
        'verbose',
      ]),
    )
    .option('--ready-json', 'with --json: first print {"type":"listening","url":...} once the port is bound')
    .option(
      '--ready-file <path>',
      'once the port is bound, write {"type":"listening","url":...} there (mode 0600)',
    )
    .option(
      '--config <file>',
      'settings and routes from this .json/.yaml file (default: ./webhook-cli.json or ./webhook-cli.yaml)',
    )
    .option('--no-config', 'read no config file, not even one in the working directory')
    .option(
      '--print-config',
      'print the settings after the config file and the flags as JSON (secrets masked), then exit',
    )
    .option('--ui', 'open a web inspector beside the listener: live list, details, diff and replay')
    .option('--ui-port <n>', "inspector port (default: the first free one after the listener's)")
    .option('--ui-history <n>', 'deliveries the inspector keeps, oldest dropped (default: 500)')
    .option(
      '--ui-history-bytes <size>',
      'bytes of deliveries the inspector keeps, oldest dropped (default: 64mb)',
    )
    .addHelpText(
      'after',
      examples([
        ['webhook-cli listen', 'print every delivery sent to http://127.0.0.1:9876'],
        [
          'webhook-cli listen --verify github --secret-env GH_SECRET --save captures/ --ui',
          'check GitHub signatures, keep every delivery, look at them in a browser',
        ],
        [
          'webhook-cli listen --forward-to http://localhost:3000/webhook -s github',
          'validate, then pass on to your app',
        ],
        [
          'webhook-cli listen -p 0 --respond 500,500,200 --max-events 3 --json',
          "test a sender's retries in CI",
        ],
      ]) +
        '\nExit codes: 0 every delivery passed the checks asked for, 1 one did not, 2 usage or start-up error.\n',
    )
    .action((flags: ListenFlags, self: Command) =>
      context.run(async () => {
        const { loadConfig } = await import('../config/load-config.js');
        const config = await loadConfig(flags.config, context.deps);
        const given = (key: keyof ListenFlags) => self.getOptionValueSource(key) === 'cli';
        const options = listenOptionsWithConfig(flags, given, config, context.deps.env);
        if (flags.printConfig) {
          const { renderEffectiveConfig } = await import('../config/print-config.js');
          context.deps.stdout.write(renderEffectiveConfig(options, config?.source ?? null));
          return ExitCode.ok;
        }
        const { runListen } = await import('../listen/run-listen.js');
        if (!options.ui) return runListen(options, context.deps);
        const { listenInspectorExtension } = await import('../inspector/listen-inspector-extension.js');
        return runListen(options, context.deps, listenInspectorExtension(options, options.ui, context.deps));
      }),
    );
}

function parseStatus(text: string, flag: string): number {
  return parseInteger(text.trim(), flag, 100, 599);
}

/**
 * The flags over a config file's `listen` section (see `mergeFileFlags`), and its routes; every
 * mistake in a value from the file names the file, line:column and the route.
 */
export function listenOptionsWithConfig(
  flags: ListenFlags,
  given: (key: keyof ListenFlags) => boolean,
  config: LoadedConfig | null,
  env: Readonly<Record<string, string | undefined>>,
): ListenOptions {
  const section = config?.value.listen;
  if (!config || !section) return toListenOptions(flags, env);
  const { routes = [] } = section;
  const merged = mergeFileFlags(flags, given, listenSectionFlags(section));
  const options = toListenOptions(merged.flags, env, fileNames(config, ['listen'], merged.fromFile));
  if (routes.length === 0) return options;
  if (options.path !== undefined) {
    throw new UsageError(`--path cannot be used with the routes of ${config.source}`, {
      hint: 'each route has its own path',
    });
  }
  options.routes = routes.map((route, index) => {
    const routeFlags = settingsFlags(route);
    const at = ['listen', 'routes', index];
    const names = fileNames(config, at, new Set(Object.keys(routeFlags)));
    return {
      ...toDeliveryOptions(routeFlags, env, names),
      path: route.path,
      ...(route.events !== undefined && { events: route.events }),
      name: describePath(config.value, at),
    };
  });
  return options;
}

/**
 * Flags → a typed options object; every misuse is a UsageError naming the flag (or, through
 * `names`, where the config file sets the value).
 */
export function toListenOptions(
  flags: ListenFlags,
  env: Readonly<Record<string, string | undefined>>,
  names: OptionNames = FLAG_NAMES,
): ListenOptions {
  const delivery = toDeliveryOptions(flags, env, names);
  if (flags.path !== undefined && !flags.path.startsWith('/')) {
    throw new UsageError(`--path: '${flags.path}' must start with /`);
  }
  const host = flags.host.trim();
  if (host === '') throw new UsageError(`${names.full('host')} is empty`, { hint: 'use --host 127.0.0.1' });
  const events = flags.events
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (events !== undefined && events.length === 0) {
    throw new UsageError('--events is empty', { hint: 'name event types: --events push,issues.opened' });
  }

  const options: ListenOptions = {
    ...delivery,
    port: parsePort(flags.port, names.full('port')),
    host,
    maxBody: parseSize(flags.maxBody, names.full('maxBody')),
    maxConnections: parseInteger(flags.maxConnections, names.full('maxConnections'), 1),
    maxDecoding: parseSize(flags.maxDecoding, names.full('maxDecoding')),
    forwardTimeoutMs: parseDuration(flags.forwardTimeout, names.full('forwardTimeout')),
    forwardMaxResponseBytes: parseSize(flags.forwardMaxResponse, names.full('forwardMaxResponse')),
    output: flags.json ? 'json' : 'text',
    verbosity: flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal',
    maxLines: parseInteger(flags.maxLines, '--max-lines', 1),
    full: flags.full === true,
  };
  if (flags.path !== undefined) options.path = flags.path;
  if (events !== undefined) options.events = events;
  if (flags.maxEvents !== undefined)
    options.maxEvents = parseInteger(flags.maxEvents, names.full('maxEvents'), 1);
  if (flags.timeout !== undefined) options.timeoutMs = parseDuration(flags.timeout, names.full('timeout'));
  if (flags.readyJson && !flags.json) {
    throw new UsageError('--ready-json needs --json', { hint: 'or use --ready-file <path> with any output' });
  }
  if (flags.readyJson) options.readyJson = true;
  if (flags.readyFile !== undefined) options.readyFile = flags.readyFile;
  const cache = cacheChoice(flags);
  if (cache !== undefined) options.cache = cache;
  if (flags.ui) {
    options.ui = {
      history: parseInteger(flags.uiHistory ?? '500', '--ui-history', 1),
      historyBytes: parseSize(flags.uiHistoryBytes ?? '64mb', '--ui-history-bytes'),
    };
    if (flags.uiPort !== undefined) options.ui.port = parsePort(flags.uiPort, '--ui-port');
  } else {
    const stray =
      flags.uiPort !== undefined
        ? '--ui-port'
        : flags.uiHistory !== undefined
          ? '--ui-history'
          : flags.uiHistoryBytes !== undefined
            ? '--ui-history-bytes'
            : null;
    if (stray) throw new UsageError(`${stray} needs --ui`, { hint: 'add --ui to open the web inspector' });
  }
  return options;
}

/** What is done with each delivery (the top-level flags, or one route of a config file). */
export function toDeliveryOptions(
  flags: Omit<
    ListenFlags,
    | 'port'
    | 'host'
    | 'forwardTimeout'
    | 'forwardMaxResponse'
    | 'maxBody'
    | 'maxConnections'
    | 'maxDecoding'
    | 'maxLines'
  >,
  env: Readonly<Record<string, string | undefined>>,
  names: OptionNames = FLAG_NAMES,
): DeliveryOptions {
  const { full, short } = names;
  const forwarding = flags.forwardTo !== undefined;
  if (forwarding) {
    const stray = (['status', 'respond', 'responseBody', 'responseHeader', 'delay'] as const).find(
      (key) => flags[key] !== undefined,
    );
    if (stray) {
      throw new UsageError(`${full(stray)} cannot be used with ${short('forwardTo')}`, {
        hint: "when forwarding, the sender gets the app's own response",
      });
    }
  }
  if (flags.status !== undefined && flags.respond !== undefined) {
    throw new UsageError(`${full('status')} and ${short('respond')} cannot be used together`, {
      hint: 'use --respond 500,200 for a sequence, or --status 500 for one status',
    });
  }
  if (flags.rejectInvalid && flags.verify === undefined && flags.schema === undefined) {
    throw new UsageError(`${full('rejectInvalid')} needs ${short('verify')} or ${short('schema')}`, {
      hint: 'it answers 401 to failed signatures and 422 to invalid payloads',
    });
  }
  // Credentials are neither sent on nor echoed: a token in the URL must not reach a terminal or a log.
  const forwardTo =
    flags.forwardTo === undefined
      ? undefined
      : parseHttpUrl(flags.forwardTo, full('forwardTo'), {
          hint: 'for example --forward-to http://localhost:3000/webhook',
        });
  const statuses =
    flags.respond !== undefined
      ? flags.respond.split(',').map((code) => parseStatus(code, full('respond')))
      : [flags.status === undefined ? 200 : parseStatus(flags.status, full('status'))];
  const options: DeliveryOptions = {
    schemaRefs: flags.schema ?? [],
    statuses,
    responseHeaders: parseHeaderFlags(flags.responseHeader, full('responseHeader')),
    delayMs: flags.delay === undefined ? 0 : parseDuration(flags.delay, full('delay')),
    rejectInvalid: flags.rejectInvalid === true,
  };
  const verify = resolveVerify(flags, env, names);
  if (verify) {
    if (flags.publicUrl !== undefined) {
      verify.settings.url = checkSignedUrl(
        verify,
        flags.publicUrl,
        full('publicUrl'),
        'e.g. --public-url https://abc.ngrok.app',
      );
    }
    options.verify = verify;
  } else if (flags.publicUrl !== undefined) {
    throw new UsageError(`${full('publicUrl')} needs ${short('verify')} <scheme>`, {
      hint: 'it is the URL signatures are checked against',
    });
  }
  if (flags.event !== undefined) options.event = flags.event;
  if (flags.save !== undefined) options.saveDir = flags.save;
  if (forwardTo !== undefined) options.forwardTo = forwardTo;
  if (flags.responseBody !== undefined) options.responseBody = flags.responseBody;
  return options;
}

/** `--verify` and its keys; a value from the config file is named where the file sets it. */
function resolveVerify(
  flags: SignatureFlags & { verify?: string },
  env: Readonly<Record<string, string | undefined>>,
  names: OptionNames,
): SignatureChoice | undefined {
  if (!names.fromFile('verify') && !names.fromFile('secretEnv')) {
    return resolveOptionalSignature(flags.verify, '--verify', flags, env, 'verify');
  }
  const variable = flags.secretEnv;
  if (variable !== undefined && names.fromFile('secretEnv') && !env[variable]) {
    throw new UsageError(`${names.full('secretEnv')}: the environment variable ${variable} is not set`, {
      hint: `export ${variable}=... first`,
    });
  }
  try {
    return resolveOptionalSignature(flags.verify, '--verify', flags, env, 'verify');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw relabel(error, names.full('verify'));
  }
}
