import type { Command } from 'commander';
import { type CommandContext, examples } from './context.js';

interface ProvidersFlags {
  json?: boolean;
}

export function registerProviders(program: Command, context: CommandContext): void {
  program
    .command('providers')
    .description('list the webhook providers whose signatures sign, verify, listen and send know')
    .option('--json', 'print [{ id, name, docs, signature, handshake, ... }] as JSON')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli providers', 'id, name and what is signed, one per line'],
        ["webhook-cli providers --json | jq '.[].id'", 'the ids --scheme, --verify and --sign take'],
      ]),
    )
    .action((flags: ProvidersFlags) =>
      context.run(async () => {
        const { runProviders } = await import('../providers/run-providers.js');
        return runProviders({ json: flags.json ?? false }, context.deps);
      }),
    );
}
