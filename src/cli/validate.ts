import type { Command } from 'commander';
import { VALIDATE_DEFAULTS } from '../config/flag-defaults.js';
import { UsageError } from '../errors.js';
import { MAX_FILE_SIZE_OPTION, parseMaxFileSize } from '../options/max-file-size.js';
import { collect, parseInteger } from '../options/numbers.js';
import type { ValidateFormat } from '../validate/render-report.js';
import type { ValidateOptions } from '../validate/run-validate.js';
import { CACHE_DIR_OPTION, type CacheFlags, cacheChoice, NO_CACHE_OPTION } from './cache-flags.js';
import { type CommandContext, examples } from './context.js';

// Written out rather than imported from src/validate/render-report.ts, which loads every renderer.
export const FORMATS = ['text', 'json', 'github', 'junit', 'sarif'];
const MAX_THREADS = 16;

/** `--format` of `validate` and `schemas check`. */
export function parseFormat(value: string): ValidateFormat {
  if (!FORMATS.includes(value)) {
    throw new UsageError(`--format: '${value}' is not a format`, { hint: `use ${FORMATS.join(', ')}` });
  }
  return value as ValidateFormat;
}

export interface ValidateFlags extends CacheFlags {
  schema?: string[];
  event?: string;
  format: string;
  json?: boolean;
  output?: string;
  maxErrors: string;
  verbose?: boolean;
  strict?: boolean;
  maxFileSize: string;
  threads: string;
}

export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description(
      'check payload files (JSON, JSON Lines, captures) against JSON Schemas, with line:column for every error',
    )
    .argument(
      '[inputs...]',
      'files, directories (searched for *.json, *.jsonl, *.ndjson), quoted globs, or - for stdin',
    )
    .option(
      '-s, --schema <ref>',
      'schema file, directory of <event-type>.schema.json files, OpenAPI/AsyncAPI document (api.yaml), or builtin (github, github-community, stripe, standard-webhooks, cloudevents, generic); repeatable',
      collect,
    )
    .option('-e, --event <type>', 'event type of every payload (e.g. issues, issues.opened, invoice.paid)')
    .option('-f, --format <format>', `report format: ${FORMATS.join(', ')}`, VALIDATE_DEFAULTS.format)
    .option('--json', 'the same as --format json')
    .option('-o, --output <file>', 'write the report to a file (the summary still goes to stderr)')
    .option('--max-errors <n>', 'errors shown per file', VALIDATE_DEFAULTS.maxErrors)
    .option('-v, --verbose', 'also list valid files, and which rule chose each schema')
    .option('--strict', 'unknown keywords and formats in schemas are errors')
    .option(...MAX_FILE_SIZE_OPTION)
    .option(...CACHE_DIR_OPTION)
    .option(...NO_CACHE_OPTION)
    .option(
      '--threads <n>',
      // 2,000 is THREADS_AFTER, written out: run-validate.ts loads only when validate runs.
      `threads that check files, from 1 to ${MAX_THREADS}, once there are over 2,000 files (auto: 2 when a second core is idle)`,
      VALIDATE_DEFAULTS.threads,
    )
    .addHelpText(
      'after',
      examples([
        ['webhook-cli validate fixtures/ --schema schemas/', 'schemas/<event-type>.schema.json per payload'],
        [
          "webhook-cli validate 'payloads/**/*.json' --schema github --event issues",
          'GitHub issues payloads',
        ],
        ['webhook-cli validate captures/ --schema github --format github', 'annotations in GitHub Actions'],
        ['webhook-cli validate payloads/ --schema openapi.yaml', 'the webhook of each payload, by its type'],
        [
          'webhook-cli validate events.jsonl --schema stripe --format sarif -o results.sarif',
          'for code scanning',
        ],
      ]) + '\nExit codes: 0 all valid, 1 a payload is invalid, 2 usage, input or schema error (2 wins).\n',
    )
    .action((inputs: string[], flags: ValidateFlags) =>
      context.run(async () => {
        const options = toValidateOptions(inputs, flags);
        const { runValidate } = await import('../validate/run-validate.js');
        return runValidate(options, context.deps);
      }),
    );
}

/** Flags → typed options; a misuse is a UsageError naming the flag. */
/** `--json` is `--format json`; with another `--format` it is a contradiction. */
function jsonOrFormat(flags: ValidateFlags): ValidateFormat {
  const format = parseFormat(flags.format);
  if (!flags.json) return format;
  if (format !== 'json' && format !== VALIDATE_DEFAULTS.format) {
    throw new UsageError(`--json and --format ${format} ask for two reports`, { hint: 'pick one' });
  }
  return 'json';
}

export function toValidateOptions(inputs: string[], flags: ValidateFlags): ValidateOptions {
  const options: ValidateOptions = {
    inputs,
    schemas: flags.schema ?? [],
    format: jsonOrFormat(flags),
    maxErrors: parseInteger(flags.maxErrors, '--max-errors', 1),
    verbose: flags.verbose ?? false,
    strict: flags.strict ?? false,
    maxFileBytes: parseMaxFileSize(flags.maxFileSize),
  };
  if (flags.output !== undefined) options.output = flags.output;
  if (flags.threads !== 'auto') options.threads = parseInteger(flags.threads, '--threads', 1, MAX_THREADS);
  const cache = cacheChoice(flags);
  if (cache !== undefined) options.cache = cache;
  if (flags.event !== undefined) options.event = flags.event;
  return options;
}
