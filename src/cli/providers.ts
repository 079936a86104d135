import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { ProvidersOptions } from '../providers/run-providers.js';
import { type CommandContext, examples } from './context.js';

interface ProvidersFlags {
  json?: boolean;
  markdown?: boolean;
}

export function registerProviders(program: Command, context: CommandContext): void {
  const providers = program
    .command('providers')
    .description('list the webhook providers whose signatures sign, verify, listen and send know')
    .option('--json', 'print [{ id, name, docs, signature, handshake, ... }] as JSON')
    .option('--markdown', 'print the reference page (docs/providers.md)')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli providers', 'id, name and what is signed, one per line'],
        ['webhook-cli providers show stripe', 'what Stripe sends, where the secret is, examples'],
        ["webhook-cli providers --json | jq '.[].id'", 'the ids --scheme, --verify and --sign take'],
      ]) + '\nExit codes: 0 listed, 2 usage error.\n',
    )
    .action((flags: ProvidersFlags) => run(context, providersOptions(undefined, flags)));
  providers
    .command('show')
    .description('what a provider sends, how it signs, where to find the secret, and examples')
    .argument('<id>', 'a provider id or alias')
    .option('--json', 'print the description as JSON')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli providers show paddle', 'how Paddle signs, where the secret is, a sign example'],
        ['webhook-cli providers show svix --json', 'the description as data (aliases work too)'],
      ]) + '\nExit codes: 0 shown, 2 unknown provider.\n',
    )
    // `providers show x --json`: commander hands --json to the parent command.
    .action((id: string, flags: ProvidersFlags) =>
      run(context, providersOptions(id, { ...providers.opts(), ...flags })),
    );
}

function providersOptions(show: string | undefined, flags: ProvidersFlags): ProvidersOptions {
  if (flags.json && flags.markdown) throw new UsageError('--json and --markdown cannot be used together');
  const options: ProvidersOptions = { output: flags.json ? 'json' : flags.markdown ? 'markdown' : 'text' };
  if (show !== undefined) options.show = show;
  return options;
}

function run(context: CommandContext, options: ProvidersOptions): Promise<void> {
  return context.run(async () => {
    const { runProviders } = await import('../providers/run-providers.js');
    return runProviders(options, context.deps);
  });
}
