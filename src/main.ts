import { Command, CommanderError } from 'commander';
import type { CommandContext } from './cli/context.js';
import { registerListen } from './cli/listen.js';
import { registerProviders } from './cli/providers.js';
import { registerSchemas } from './cli/schemas.js';
import { registerSend } from './cli/send.js';
import { registerSign } from './cli/sign.js';
import { registerValidate } from './cli/validate.js';
import { registerVerify } from './cli/verify.js';
import type { Deps } from './deps.js';
import { CliError, ExitCode, formatError } from './errors.js';
import { VERSION } from './version.js';

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
  const program = buildProgram(context);
  try {
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

function buildProgram(context: CommandContext): Command {
  const { deps } = context;
  const program = new Command('webhook-cli')
    .description(
      'See, verify, validate, save, forward and replay webhooks on your own machine.\n' +
        'GitHub, Stripe, Standard Webhooks (Svix), Shopify, Slack and generic HMAC signatures.',
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
  registerListen(program, context);
  registerSend(program, context);
  registerValidate(program, context);
  registerSign(program, context);
  registerVerify(program, context);
  registerSchemas(program, context);
  registerProviders(program, context);
  return program;
}
