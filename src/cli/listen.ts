import { type Command, Option } from 'commander';
import { LISTEN_DEFAULTS } from '../config/flag-defaults.js';
import { UsageError } from '../errors.js';
import { parseHttpUrl } from '../http/parse-http-url.js';
import type { ListenOptions } from '../listen/listen-options.js';
import { parseDuration } from '../options/duration.js';
import { parseHeaderFlags } from '../options/headers.js';
import { collect, parseInteger, parsePort } from '../options/numbers.js';
import { parseSize } from '../options/size.js';
import type { CommandContext } from './context.js';
import { examples } from './context.js';
import {
  addSecretOptions,
  checkSignedUrl,
  resolveOptionalSignature,
  type SignatureFlags,
} from './signature-options.js';

export interface ListenFlags extends SignatureFlags {
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
    .action((flags: ListenFlags) =>
      context.run(async () => {
        const options = toListenOptions(flags, context.deps.env);
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

/** Flags → a typed options object; every misuse is a UsageError naming the flag. */
export function toListenOptions(
  flags: ListenFlags,
  env: Readonly<Record<string, string | undefined>>,
): ListenOptions {
  const forwarding = flags.forwardTo !== undefined;
  if (forwarding) {
    const stray = (
      [
        ['status', '--status'],
        ['respond', '--respond'],
        ['responseBody', '--response-body'],
        ['responseHeader', '--response-header'],
        ['delay', '--delay'],
      ] as const
    ).find(([key]) => flags[key] !== undefined);
    if (stray) {
      throw new UsageError(`${stray[1]} cannot be used with --forward-to`, {
        hint: "when forwarding, the sender gets the app's own response",
      });
    }
  }
  if (flags.status !== undefined && flags.respond !== undefined) {
    throw new UsageError('--status and --respond cannot be used together', {
      hint: 'use --respond 500,200 for a sequence, or --status 500 for one status',
    });
  }
  if (flags.rejectInvalid && flags.verify === undefined && flags.schema === undefined) {
    throw new UsageError('--reject-invalid needs --verify or --schema', {
      hint: 'it answers 401 to failed signatures and 422 to invalid payloads',
    });
  }
  // Credentials are neither sent on nor echoed: a token in the URL must not reach a terminal or a log.
  const forwardTo =
    flags.forwardTo === undefined
      ? undefined
      : parseHttpUrl(flags.forwardTo, '--forward-to', {
          hint: 'for example --forward-to http://localhost:3000/webhook',
        });
  const statuses =
    flags.respond !== undefined
      ? flags.respond.split(',').map((code) => parseStatus(code, '--respond'))
      : [flags.status === undefined ? 200 : parseStatus(flags.status, '--status')];
  if (flags.path !== undefined && !flags.path.startsWith('/')) {
    throw new UsageError(`--path: '${flags.path}' must start with /`);
  }
  const host = flags.host.trim();
  if (host === '') throw new UsageError('--host is empty', { hint: 'use --host 127.0.0.1' });
  const events = flags.events
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (events !== undefined && events.length === 0) {
    throw new UsageError('--events is empty', { hint: 'name event types: --events push,issues.opened' });
  }

  const options: ListenOptions = {
    port: parsePort(flags.port, '--port'),
    host,
    maxBody: parseSize(flags.maxBody, '--max-body'),
    maxConnections: parseInteger(flags.maxConnections, '--max-connections', 1),
    maxDecoding: parseSize(flags.maxDecoding, '--max-decoding'),
    schemaRefs: flags.schema ?? [],
    statuses,
    responseHeaders: parseHeaderFlags(flags.responseHeader, '--response-header'),
    delayMs: flags.delay === undefined ? 0 : parseDuration(flags.delay, '--delay'),
    rejectInvalid: flags.rejectInvalid === true,
    forwardTimeoutMs: parseDuration(flags.forwardTimeout, '--forward-timeout'),
    forwardMaxResponseBytes: parseSize(flags.forwardMaxResponse, '--forward-max-response'),
    output: flags.json ? 'json' : 'text',
    verbosity: flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal',
    maxLines: parseInteger(flags.maxLines, '--max-lines', 1),
    full: flags.full === true,
  };
  if (flags.path !== undefined) options.path = flags.path;
  const verify = resolveOptionalSignature(flags.verify, '--verify', flags, env, 'verify');
  if (verify) {
    if (flags.publicUrl !== undefined) {
      verify.settings.url = checkSignedUrl(
        verify,
        flags.publicUrl,
        '--public-url',
        'e.g. --public-url https://abc.ngrok.app',
      );
    }
    options.verify = verify;
  } else if (flags.publicUrl !== undefined) {
    throw new UsageError('--public-url needs --verify <scheme>', {
      hint: 'it is the URL signatures are checked against',
    });
  }
  if (flags.event !== undefined) options.event = flags.event;
  if (events !== undefined) options.events = events;
  if (flags.save !== undefined) options.saveDir = flags.save;
  if (forwardTo !== undefined) options.forwardTo = forwardTo;
  if (flags.responseBody !== undefined) options.responseBody = flags.responseBody;
  if (flags.maxEvents !== undefined) options.maxEvents = parseInteger(flags.maxEvents, '--max-events', 1);
  if (flags.timeout !== undefined) options.timeoutMs = parseDuration(flags.timeout, '--timeout');
  if (flags.readyJson && !flags.json) {
    throw new UsageError('--ready-json needs --json', { hint: 'or use --ready-file <path> with any output' });
  }
  if (flags.readyJson) options.readyJson = true;
  if (flags.readyFile !== undefined) options.readyFile = flags.readyFile;
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
