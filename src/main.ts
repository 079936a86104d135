import { Command, CommanderError } from 'commander';
import type { CommandContext } from './cli/context.js';
import type { Deps } from './deps.js';
import { CliError, ExitCode, formatError } from './errors.js';
import { VERSION } from './version.js';

type Register = (program: Command, context: CommandContext) => void;

/**
 * Each command's module, loaded only when that command runs (or for the help that lists them all):
 * `validate` does not pay for the provider registry that `listen`, `send`, `sign` and `verify` read.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  listen: async () => (await import('./cli/listen.js')).registerListen,
  send: async () => (await import('./cli/send.js')).registerSend,
  trigger: async () => (await import('./cli/trigger.js')).registerTrigger,
  validate: async () => (await import('./cli/validate.js')).registerValidate,
  sign: async () => (await import('./cli/sign.js')).registerSign,
  verify: async () => (await import('./cli/verify.js')).registerVerify,
  schemas: async () => (await import('./cli/schemas.js')).registerSchemas,
  providers: async () => (await import('./cli/providers.js')).registerProviders,
};

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. The only
 * place where outcomes become exit codes: 0 ok, 1 a check failed, 2 usage or input error.
 */
export async function main(argv: readonly string[], deps: Deps): Promise<ExitCode> {
  const debug = argv.includes('--debug') || (deps.env.DEBUG ?? '').split(',').includes('webhook-cli');
  let exitCode: ExitCode = ExitCode.ok;
  const context: CommandContext = {
    deps,
    async run(task) {
      exitCode = await task();
    },
  };
  try {
    const program = await buildProgram(context, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error and was printed.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    deps.stderr.write(`${formatError(error)}\n`);
    if (debug && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.usage;
  }
}

async function buildProgram(context: CommandContext, argv: readonly string[]): Promise<Command> {
  const { deps } = context;
  const program = new Command('webhook-cli')
    .description(
      'See, verify, validate, save, forward and replay webhooks on your own machine.\n' +
        "Signatures of 41 providers ('webhook-cli providers' lists them) and your own HMAC schemes.",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces of unexpected errors (also DEBUG=webhook-cli)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      getOutHelpWidth: () => deps.stdout.columns ?? 80,
      getErrHelpWidth: () => deps.stderr.columns ?? 80,
      // commander says "error: unknown option '--x'\n(Did you mean --y?)": make it one line in our form.
      outputError: (text, write) => {
        const [first = '', ...rest] = text.trim().split('\n');
        // An unknown `--name=value` is echoed by commander as typed; the value may be a secret.
        const message = first.replace(/^error: /, '').replace(/^(unknown option '[^'=]*)=[^']*'/, "$1=…'");
        const hint = rest
          .join(' ')
          .replace(/^\((.*)\)$/, '$1')
          .trim();
        write(`webhook-cli: ${message} (${hint || 'see webhook-cli --help'})\n`);
      },
    })
    .addHelpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      `
Examples:
  $ webhook-cli listen                                   # print every delivery to http://127.0.0.1:9876
  $ webhook-cli listen --verify github --save captures/  # verify GitHub signatures, keep every delivery
  $ webhook-cli send captures/ --to http://localhost:3000/webhook --sign github
  $ webhook-cli validate fixtures/ --schema schemas/ --format github

Exit codes: 0 ok, 1 a check failed, 2 usage or input error.
Secrets: --secret, --secret-env NAME, or WEBHOOK_SECRET. Colour: NO_COLOR, FORCE_COLOR.`,
    );
  // The command named first (options before it are global); `--version` alone needs none (all of
  // them cost about 100 ms of start-up); anything else (help, a typo that wants a suggestion)
  // registers them all.
  const named = argv.find((arg) => !arg.startsWith('-'));
  const versionOnly =
    named === undefined &&
    argv.some((arg) => arg === '-V' || arg === '--version') &&
    !argv.some((arg) => arg === '-h' || arg === '--help');
  const wanted =
    named !== undefined && Object.hasOwn(COMMANDS, named)
      ? [named]
      : versionOnly
        ? []
        : Object.keys(COMMANDS);
  const registers = await Promise.all(wanted.map((name) => (COMMANDS[name] as () => Promise<Register>)()));
  for (const register of registers) register(program, context);
  showDefaultsPlainly(program);
  return program;
}

/**
 * Help shows every default one way, `(default: 9876)`: commander would quote the flags' text
 * defaults (`(default: "9876")`) while descriptions that name a default in words say
 * `(default: the provider's)`.
 */
function showDefaultsPlainly(command: Command): void {
  for (const option of command.options) {
    if (typeof option.defaultValue === 'string' && option.defaultValueDescription === undefined) {
      option.defaultValueDescription = option.defaultValue;
    }
  }
  for (const sub of command.commands) showDefaultsPlainly(sub);
}
