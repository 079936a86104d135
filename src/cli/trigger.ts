import { type Command, Option } from 'commander';
import { SEND_DEFAULTS } from '../config/flag-defaults.js';
import { UsageError } from '../errors.js';
import { parseHttpUrl } from '../http/parse-http-url.js';
import { parseHeaderFlags } from '../options/headers.js';
import { MAX_FILE_SIZE_OPTION, parseMaxFileSize } from '../options/max-file-size.js';
import { collect, parseInteger } from '../options/numbers.js';
import type { ProviderDescription } from '../providers/types.js';
import { DEFAULT_RETRY_STATUSES } from '../send/backoff.js';
import { isAsymmetric, signsUrl } from '../signatures/engine-parts.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { parseBodySet } from '../trigger/body-sets.js';
import { resolveTriggerProvider } from '../trigger/resolve-trigger-provider.js';
import type { TriggerOptions } from '../trigger/run-trigger.js';
import { type CommandContext, examples } from './context.js';
import { parseRetryFlags } from './send.js';
import { addSecretOptions, type SignatureFlags } from './signature-flags.js';
import { resolveSignatureChoice } from './signature-options.js';

export interface TriggerFlags extends SignatureFlags {
  list?: boolean;
  to?: string;
  /** `--config <file>` (for `--to <name>`), or false for `--no-config`. */
  config?: string | false;
  save?: string;
  set?: string[];
  header?: string[];
  body?: string;
  seed?: string;
  timestamp?: string;
  dryRun?: boolean;
  curl?: boolean;
  json?: boolean;
  verbose?: boolean;
  timeout: string;
  retries: string;
  minDelay: string;
  maxDelay: string;
  maxElapsed?: string;
  retryOn?: string;
  maxFileSize: string;
}

export function registerTrigger(program: Command, context: CommandContext): void {
  const command = program
    .command('trigger')
    .description(
      "send one realistic, correctly signed delivery of a provider's event to a URL, as the provider would (its headers, a sample body with fresh ids, its signature), retried like send",
    )
    .argument('[provider]', 'provider id (webhook-cli trigger --list)')
    .argument('[event]', 'event type as the provider names it, e.g. pull_request.opened, invoice.paid')
    .option('--list', 'list the providers with samples, or one provider’s events')
    .option('--to <url|name>', 'the http(s) URL to send to, or a target of the config file')
    .option('--config <file>', 'the config file naming --to targets (default: ./webhook-cli.json or .yaml)')
    .option('--no-config', 'read no config file')
    .option('--save <dir>', 'write the signed delivery there as a capture (with or without --to)')
    .option(
      '--set <path=value>',
      'change the body before signing: a.b.c or /a/b/c = JSON or text (repeatable)',
      collect,
    )
    .option('-H, --header <header>', "add or replace a header: 'Name: value' (repeatable)", collect)
    .option('--body <file>', "send this file's bytes as the body, with the event's headers and signature");
  addSecretOptions(command, 'sign');
  command
    .option('--seed <n>', 'the same ids on every run, and template times from 2026-01-01T00:00:00Z')
    .option('--timestamp <time>', "the templates' now: Unix seconds or an RFC 3339 time")
    .option('--dry-run', 'print the request instead of sending it')
    .option('--curl', 'with --dry-run: print a curl command')
    .option('--json', 'the report as a JSON object on stdout (with --list: the list)')
    .option('--verbose', 'one line per attempt too')
    .option('--timeout <duration>', 'per attempt', SEND_DEFAULTS.timeout)
    .option('--retries <n>', 'retries after the first attempt', SEND_DEFAULTS.retries)
    .option('--min-delay <duration>', 'shortest wait before a retry', SEND_DEFAULTS.minDelay)
    .option(
      '--max-delay <duration>',
      'longest wait before a retry (also caps Retry-After)',
      SEND_DEFAULTS.maxDelay,
    )
    .option('--max-elapsed <duration>', 'bound on the whole retrying')
    .addOption(
      new Option('--retry-on <list>', "statuses to retry, e.g. '429,503', or all-non-2xx").default(
        undefined,
        '408,425,429,500,502,503,504',
      ),
    )
    .option(...MAX_FILE_SIZE_OPTION)
    .addHelpText(
      'after',
      `${examples([
        [
          'webhook-cli trigger github pull_request.opened --to http://localhost:3000/webhook --secret s3cret',
          'as GitHub sends it',
        ],
        [
          'webhook-cli trigger stripe invoice.paid --to $URL --set data.object.amount_paid=5000',
          'change a field',
        ],
        [
          'webhook-cli trigger stripe invoice.paid --save captures/ --seed 1',
          'a reproducible capture, not sent',
        ],
        ['webhook-cli trigger --list github', "GitHub's events"],
        ['webhook-cli trigger standard-webhooks user.created --to $URL --dry-run --curl', 'a curl command'],
      ])}
Secrets: --secret, --secret-env NAME, or WEBHOOK_SECRET; Ed25519/ECDSA/RSA providers: --private-key <file>.
Retried: network errors, timeouts, ${[...DEFAULT_RETRY_STATUSES].join(', ')} (Retry-After honoured).
Exit codes: 0 delivered (or saved), 1 not delivered, 2 usage error.`,
    )
    .action((provider: string | undefined, event: string | undefined, flags: TriggerFlags) =>
      context.run(async () => {
        if (flags.list) {
          if (event !== undefined) {
            throw new UsageError('--list takes at most a provider', {
              hint: 'e.g. webhook-cli trigger --list github',
            });
          }
          const { listTriggerEvents } = await import('../trigger/list-trigger-events.js');
          return listTriggerEvents(
            { ...(provider !== undefined && { provider }), json: flags.json ?? false },
            context.deps,
          );
        }
        const { resolveTargetFlags } = await import('./target-flags.js');
        const resolved = await resolveTargetFlags(flags, context.deps);
        const options = toTriggerOptions(provider, event, resolved, context.deps.env);
        const { runTrigger } = await import('../trigger/run-trigger.js');
        return runTrigger(options, context.deps);
      }),
    );
}

/** Flags → typed options; every mistake is a UsageError naming the flag (exit 2, nothing sent). */
export function toTriggerOptions(
  providerName: string | undefined,
  event: string | undefined,
  flags: TriggerFlags,
  env: Readonly<Record<string, string | undefined>>,
): TriggerOptions {
  if (providerName === undefined || event === undefined) {
    throw new UsageError(`trigger needs a provider and an event`, {
      hint: "e.g. webhook-cli trigger github pull_request.opened --to http://localhost:3000/webhook; 'webhook-cli trigger --list' lists them",
    });
  }
  const provider = resolveTriggerProvider(providerName);
  if (flags.to === undefined && flags.save === undefined) {
    throw new UsageError('--to or --save is required', {
      hint: 'e.g. --to http://localhost:3000/webhook, or --save captures/ to write it as a capture',
    });
  }
  if (signsUrl(provider.signature) && flags.to === undefined) {
    throw new UsageError(`${provider.id} signs the URL it calls: give --to, also with --save`, {
      hint: 'the capture keeps its path, and the signature is of that URL',
    });
  }
  if (flags.dryRun && flags.to === undefined) {
    throw new UsageError('--dry-run shows the request to --to', { hint: 'add --to <url>' });
  }
  if (flags.curl && !flags.dryRun) {
    throw new UsageError('--curl only works with --dry-run', {
      hint: 'add --dry-run to print a curl command',
    });
  }
  if (flags.curl && flags.json) {
    throw new UsageError('--curl and --json cannot be used together', {
      hint: '--dry-run --json prints the request as a JSON object',
    });
  }
  if (flags.body !== undefined && flags.set !== undefined) {
    throw new UsageError('--set changes the sample body; with --body, edit your file', {
      hint: 'leave out one of them',
    });
  }
  if (flags.save === '') throw new UsageError('--save: name a directory', { hint: 'e.g. --save captures/' });
  const signature = resolveSignatureChoice(provider.id, withKeyFlags(provider, flags), env, 'sign');
  const options: TriggerOptions = {
    provider: provider.id,
    event,
    signature,
    sets: (flags.set ?? []).map(parseBodySet),
    headers: parseHeaderFlags(flags.header),
    maxFileBytes: parseMaxFileSize(flags.maxFileSize),
    dryRun: flags.dryRun ?? false,
    curl: flags.curl ?? false,
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    ...parseRetryFlags(flags),
  };
  if (flags.to !== undefined) {
    options.to = parseHttpUrl(flags.to, '--to', {
      hint: 'e.g. --to http://localhost:3000/webhook',
      credentialsHint: "send them as a header: -H 'Authorization: ...'",
    });
  }
  if (flags.save !== undefined) options.save = flags.save;
  if (flags.body !== undefined) options.bodyFile = flags.body;
  if (flags.seed !== undefined) options.seed = parseInteger(flags.seed, '--seed');
  if (flags.timestamp !== undefined) options.timestampMs = parseTimestamp(flags.timestamp);
  return options;
}

/** Asymmetric providers sign with a private key: say so, and how to make a test key. */
function withKeyFlags(provider: ProviderDescription, flags: TriggerFlags): TriggerFlags {
  const algorithm = provider.signature.algorithm;
  if (!isAsymmetric(algorithm) || flags.privateKey !== undefined) return flags;
  const make =
    algorithm === 'ed25519'
      ? 'openssl genpkey -algorithm ed25519 -out key.pem'
      : algorithm === 'ecdsa-p256-sha256'
        ? 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem'
        : 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem';
  throw new UsageError(`${provider.id} signs with a private key: pass --private-key <file>`, {
    hint: `make a test key with '${make}'; your app verifies with its public key, 'openssl pkey -in key.pem -pubout'`,
  });
}

/** `1767225600` (Unix seconds) or `2026-01-01T00:00:00Z` → ms since the epoch. */
function parseTimestamp(text: string): number {
  if (/^\d{1,12}$/.test(text.trim())) return Number(text.trim()) * 1000;
  const rfc3339 = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;
  const ms = rfc3339.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(`--timestamp: '${escapeTerminalLine(text)}' is not a time`, {
      hint: 'Unix seconds such as 1767225600, or RFC 3339 such as 2026-01-01T00:00:00Z',
    });
  }
  return ms;
}
