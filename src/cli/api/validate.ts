import { VALIDATE_DEFAULTS } from '../../config/flag-defaults.js';
import { MAX_FILE_SIZE_OPTION } from '../../options/max-file-size.js';
import { toValidateOptions, type ValidateFlags } from '../validate.js';

import { type ApiIo, apiDeps, collectingStream, flagList, flagText, type Size } from './api-deps.js';

/** `validate`'s flags as options (see docs/validate.md); defaults are the CLI's. */
export interface ValidateApiOptions extends ApiIo {
  /** Files, directories, quoted globs. Or give `body`. */
  inputs?: string | readonly string[];
  /** One payload's bytes (instead of `inputs`); reported as `-`. */
  body?: string | Buffer;
  /** `--schema`: file, directory or builtin (github, stripe, ...); one or several. */
  schema: string | readonly string[];
  /** `--event`: the event type of every payload. */
  event?: string;
  /** `--max-errors` per file (default 20). */
  maxErrors?: number;
  /** `--strict`: unknown keywords and formats in schemas are errors. */
  strict?: boolean;
  /** `--max-file-size` (default 100mb). */
  maxFileSize?: Size;
}

/** The report `validate --format json` prints. */
export interface ValidateApiResult {
  /** True when every payload is valid and nothing was unreadable (the CLI's exit 0). */
  ok: boolean;
  files: Array<{
    file: string;
    ok: boolean;
    status: string;
    schema: string | null;
    errorCount: number;
    errors: Array<{ pointer: string; message: string; keyword: string; line: number; column: number }>;
  }>;
  summary: { files: number; valid: number; invalid: number; errors: number };
}

/** `webhook-cli validate`: the same checks; an invalid payload is a result, a broken schema throws. */
export async function validate(options: ValidateApiOptions): Promise<ValidateApiResult> {
  const stdout = collectingStream();
  const deps = {
    ...apiDeps(options, options.body === undefined ? undefined : Buffer.from(options.body)),
    stdout,
  };
  const inputs = options.body === undefined ? (flagList(options.inputs as string | string[]) ?? []) : ['-'];
  const flags: ValidateFlags = {
    schema: flagList(options.schema as string | string[]) ?? [],
    format: 'json',
    maxErrors: flagText(options.maxErrors) ?? VALIDATE_DEFAULTS.maxErrors,
    strict: options.strict === true,
    maxFileSize: flagText(options.maxFileSize) ?? MAX_FILE_SIZE_OPTION[2],
    threads: VALIDATE_DEFAULTS.threads,
  };
  if (options.event !== undefined) flags.event = options.event;
  const { runValidate } = await import('../../validate/run-validate.js');
  const exitCode = await runValidate(toValidateOptions(inputs, flags), deps);
  const report = JSON.parse(stdout.text()) as Omit<ValidateApiResult, 'ok'>;
  return { ok: exitCode === 0, ...report };
}
