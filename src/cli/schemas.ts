import type { Command } from 'commander';
import { type CommandContext, examples } from './context.js';

export function registerSchemas(program: Command, context: CommandContext): void {
  const schemas = program
    .command('schemas')
    .description('list the builtin schemas that --schema accepts by name')
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli schemas', 'github, stripe, standard-webhooks, cloudevents, generic'],
        ['webhook-cli schemas show stripe', 'print the Stripe event schema'],
        ['webhook-cli schemas show github', 'list GitHub events and actions'],
        ['webhook-cli schemas show github:issues.opened', 'one GitHub definition, standalone'],
      ]),
    )
    .action((flags: { json?: boolean }) =>
      context.run(async () => {
        const { runSchemasList } = await import('../schemas/run-schemas.js');
        return runSchemasList({ json: flags.json ?? false }, context.deps);
      }),
    );
  schemas
    .command('show')
    .description('print one builtin schema (github:<event>.<action> for one GitHub definition)')
    .argument('<name>', 'stripe, standard-webhooks, cloudevents, generic, github or github:<event>.<action>')
    .option('--json', 'for `github`, list its events as JSON')
    .action((name: string, _flags: unknown, command: Command) =>
      context.run(async () => {
        // `--json` may land on `schemas` or on `show` depending on where it is written.
        const json = Boolean(command.optsWithGlobals().json);
        const { runSchemasShow } = await import('../schemas/run-schemas.js');
        return runSchemasShow(name, { json }, context.deps);
      }),
    );
}
