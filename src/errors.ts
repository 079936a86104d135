/**
 * Errors a user can act on. Each carries its exit code; `main()` is the only place that turns them
 * into an exit status. Messages never contain secrets.
 */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** What to do about it, shown in parentheses after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}

/** A flag or argument is wrong. */
export class UsageError extends CliError {}

/** A file, schema or other input cannot be used. */
export class InputError extends CliError {}

/** The combined exit code when several outcomes apply: 2 wins over 1 wins over 0. */
export function worstExitCode(...codes: ExitCode[]): ExitCode {
  return Math.max(ExitCode.ok, ...codes) as ExitCode;
}

/** `webhook-cli: <what went wrong> (<what to do>)` */
export function formatError(error: unknown): string {
  if (error instanceof CliError) {
    return `webhook-cli: ${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `webhook-cli: ${message} (run again with --debug for details)`;
}
