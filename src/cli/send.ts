import { type Command, Option } from 'commander';
import { SEND_DEFAULTS } from '../config/flag-defaults.js';
import { UsageError } from '../errors.js';
import { parseHttpUrl } from '../http/parse-http-url.js';
import { parseDuration } from '../options/duration.js';
import { isToken, parseHeaderFlags } from '../options/headers.js';
import { MAX_FILE_SIZE_OPTION, parseMaxFileSize } from '../options/max-file-size.js';
import { collect, parseInteger } from '../options/numbers.js';
import { DEFAULT_RETRY_STATUSES, type RetryOn } from '../send/backoff.js';
import type { SendOptions } from '../send/run-send.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { type CommandContext, examples } from './context.js';
import { addSecretOptions, refuseSignatureFlagsWithout, type SignatureFlags } from './signature-flags.js';

export interface SendFlags extends SignatureFlags {
  to?: string;
  method?: string;
  header?: string[];
  dropHeader?: string[];
  sign?: string;
  timeout: string;
  dryRun?: boolean;
  curl?: boolean;
  retries: string;
  minDelay: string;
  maxDelay: string;
  maxElapsed?: string;
  retryOn?: string;
  concurrency: string;
  rate?: string;
  failFast?: boolean;
  json?: boolean;
  verbose?: boolean;
  failed?: string;
  /** `--max-file-size` (the CLI always gives it; the API only when asked). */
  maxFileSize?: string;
  /** `--config <file>` (for `--to <name>`), or false for `--no-config`. */
  config?: string | false;
}

export function registerSend(program: Command, context: CommandContext): void {
  const command = program
    .command('send')
    .description(
      'send payloads or saved captures to a URL, retrying with backoff and re-signing every attempt',
    )
    .argument(
      '<inputs...>',
      'payload or capture files, directories, .jsonl/.ndjson files, quoted globs, - for stdin',
    )
    .option(
      '--to <url|name>',
      'the http(s) URL to send to (a capture’s path is appended), or a target of the config file',
    )
    .option('--config <file>', 'the config file naming --to targets (default: ./webhook-cli.json or .yaml)')
    .option('--no-config', 'read no config file')
    .option('-X, --method <method>', 'HTTP method (default: POST, or the captured method)')
    .option('-H, --header <header>', "add or replace a header: 'Name: value' (repeatable)", collect)
    .option('--drop-header <name>', 'do not send this header from a capture (repeatable)', collect)
    .option('--sign <scheme>', 'sign every attempt afresh as this provider (webhook-cli providers) or hmac');
  addSecretOptions(command, 'sign');
  command
    .option('--timeout <duration>', 'per attempt', SEND_DEFAULTS.timeout)
    .option('--dry-run', 'print each request instead of sending it')
    .option('--curl', 'with --dry-run: print curl commands')
    .option('--retries <n>', 'retries after the first attempt', SEND_DEFAULTS.retries)
    .option('--min-delay <duration>', 'shortest wait before a retry', SEND_DEFAULTS.minDelay)
    .option(
      '--max-delay <duration>',
      'longest wait before a retry (also caps Retry-After)',
      SEND_DEFAULTS.maxDelay,
    )
    .option('--max-elapsed <duration>', "bound on one payload's whole retrying")
    .addOption(
      new Option('--retry-on <list>', "statuses to retry, e.g. '429,503', or all-non-2xx").default(
        undefined,
        '408,425,429,500,502,503,504',
      ),
    )
    .option('--concurrency <n>', 'payloads in flight at once (1 keeps the order)', SEND_DEFAULTS.concurrency)
    .option('--rate <n/s>', 'start at most this many payloads per second')
    .option('--fail-fast', 'start no new payload after the first that fails for good')
    .option('--json', 'one JSON object per payload on stdout (with --dry-run: per request)')
    .option('-v, --verbose', 'one line per attempt too')
    .option('--failed <file>', 'write undelivered inputs here as captures (.jsonl), to send again')
    .option(...MAX_FILE_SIZE_OPTION)
    .addHelpText(
      'after',
      `${examples([
        ['webhook-cli send payload.json --to http://localhost:3000/webhook', 'POST one JSON payload'],
        [
          'webhook-cli send captures/ --to http://localhost:3000 --sign github',
          'replay captures, signed afresh',
        ],
        [
          'webhook-cli send events.jsonl --to $URL --concurrency 8 --failed failed.jsonl',
          'many, keep failures',
        ],
        ['webhook-cli send captures/ --to $URL --dry-run --curl', 'print curl commands, send nothing'],
      ])}
Retried: network errors, timeouts, ${[...DEFAULT_RETRY_STATUSES].join(', ')} (Retry-After honoured).
Exit codes: 0 all delivered, 1 any not delivered, 2 usage error.`,
    )
    .action((inputs: string[], flags: SendFlags) =>
      context.run(async () => {
        const { resolveTargetFlags } = await import('./target-flags.js');
        const options = await toSendOptions(
          inputs,
          await resolveTargetFlags(flags, context.deps),
          context.deps.env,
        );
        const { runSend } = await import('../send/run-send.js');
        return runSend(options, context.deps);
      }),
    );
}

/** Flags → typed options; every mistake is a UsageError naming the flag (exit 2, nothing sent). */
export async function toSendOptions(
  inputs: string[],
  flags: SendFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SendOptions> {
  const to = parseTarget(flags.to);
  if (flags.method !== undefined && !isToken(flags.method)) {
    throw new UsageError(`--method: '${escapeTerminalLine(flags.method)}' is not an HTTP method`, {
      hint: 'e.g. POST, PUT or PATCH',
    });
  }
  for (const name of flags.dropHeader ?? []) {
    if (!isToken(name)) {
      throw new UsageError(`--drop-header: '${escapeTerminalLine(name)}' is not a valid header name`, {
        hint: "letters, digits and !#$%&'*+-.^_`|~ only",
      });
    }
  }
  if (flags.curl && !flags.dryRun) {
    throw new UsageError('--curl only works with --dry-run', {
      hint: 'add --dry-run to print curl commands',
    });
  }
  if (flags.curl && flags.json) {
    throw new UsageError('--curl and --json cannot be used together', {
      hint: '--dry-run --json prints each request as a JSON object',
    });
  }
  const options: SendOptions = {
    inputs,
    to,
    headers: parseHeaderFlags(flags.header),
    dropHeaders: flags.dropHeader ?? [],
    dryRun: flags.dryRun ?? false,
    curl: flags.curl ?? false,
    ...parseRetryFlags(flags),
    concurrency: parseInteger(flags.concurrency, '--concurrency', 1, 1000),
    failFast: flags.failFast ?? false,
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    maxFileBytes: parseMaxFileSize(flags.maxFileSize ?? MAX_FILE_SIZE_OPTION[2]),
  };
  if (flags.method !== undefined) options.method = flags.method.toUpperCase();
  if (flags.rate !== undefined) options.rate = parseRate(flags.rate);
  if (flags.failed !== undefined) {
    if (flags.failed === '' || flags.failed === '-') {
      throw new UsageError(`--failed: '${flags.failed}' is not a file name`, {
        hint: 'e.g. --failed failed.jsonl',
      });
    }
    options.failedFile = flags.failed;
  }
  // The provider registry and key handling load only when --sign names a scheme: they are about
  // 50 ms of start-up (measured) that a replay without signing never needs.
  const sign =
    flags.sign === undefined
      ? refuseSignatureFlagsWithout('--sign', flags)
      : (await import('./signature-options.js')).resolveSignatureChoice(flags.sign, flags, env, 'sign');
  if (sign) {
    const { provider } = sign.settings;
    if (provider === 'auto')
      throw new UsageError('--sign auto: name the provider to sign as', { hint: 'e.g. --sign github' });
    if (sign.privateKey) {
      throw new UsageError('--sign: send signs with secrets only', {
        hint: 'sign with webhook-cli sign --private-key, then send the headers with -H',
      });
    }
    options.sign = { ...sign.settings, provider };
  }
  return options;
}

function parseTarget(text: string | undefined): URL {
  if (text === undefined) {
    throw new UsageError('--to is required', { hint: 'e.g. --to http://localhost:3000/webhook' });
  }
  return parseHttpUrl(text, '--to', {
    hint: 'e.g. --to http://localhost:3000/webhook',
    credentialsHint: "send them as a header: -H 'Authorization: ...'",
  });
}

/** The retry flags `send` and `trigger` share, as a delivery's options. */
export type RetryFlags = Pick<
  SendFlags,
  'timeout' | 'retries' | 'minDelay' | 'maxDelay' | 'maxElapsed' | 'retryOn'
>;
export function parseRetryFlags(
  flags: RetryFlags,
): Pick<SendOptions, 'timeoutMs' | 'retries' | 'minDelayMs' | 'maxDelayMs' | 'maxElapsedMs' | 'retryOn'> {
  const timeoutMs = parseDuration(flags.timeout, '--timeout');
  if (timeoutMs <= 0) throw new UsageError('--timeout must be more than 0');
  const minDelayMs = parseDuration(flags.minDelay, '--min-delay');
  const maxDelayMs = parseDuration(flags.maxDelay, '--max-delay');
  if (minDelayMs > maxDelayMs) {
    throw new UsageError(`--min-delay (${flags.minDelay}) is longer than --max-delay (${flags.maxDelay})`);
  }
  const parsed: ReturnType<typeof parseRetryFlags> = {
    timeoutMs,
    retries: parseInteger(flags.retries, '--retries', 0, 100),
    minDelayMs,
    maxDelayMs,
    retryOn: parseRetryOn(flags.retryOn),
  };
  if (flags.maxElapsed !== undefined) {
    parsed.maxElapsedMs = parseDuration(flags.maxElapsed, '--max-elapsed');
    if (parsed.maxElapsedMs <= 0) throw new UsageError('--max-elapsed must be more than 0');
  }
  return parsed;
}

/** `429,503` → those statuses; `all-non-2xx` → every status outside 200-299. */
export function parseRetryOn(text: string | undefined): RetryOn {
  if (text === undefined) return new Set(DEFAULT_RETRY_STATUSES);
  if (text.trim().toLowerCase() === 'all-non-2xx') return 'all-non-2xx';
  const statuses = new Set<number>();
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    const status = Number(trimmed);
    if (!/^\d{3}$/.test(trimmed) || status < 100 || status > 599) {
      throw new UsageError(`--retry-on: '${escapeTerminalLine(trimmed)}' is not an HTTP status`, {
        hint: "a comma-separated list such as '429,503', or all-non-2xx",
      });
    }
    statuses.add(status);
  }
  return statuses;
}

/** `10`, `10/s`, `600/m` → payloads per second. */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|m|h))?\s*$/i.exec(text);
  const per = { s: 1, m: 60, h: 3600 }[(match?.[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'];
  const value = match ? Number(match[1]) / per : Number.NaN;
  if (!match || !(value > 0)) {
    throw new UsageError(`--rate: '${escapeTerminalLine(text)}' is not a rate`, {
      hint: 'e.g. 10 or 10/s, 600/m',
    });
  }
  return value;
}
