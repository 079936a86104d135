import type { Command } from 'commander';
import { type CommandContext, examples } from './context.js';
import { FORMATS, parseFormat } from './validate.js';

export function registerSchemas(program: Command, context: CommandContext): void {
  const schemas = program
    .command('schemas')
    .description('list the builtin schemas that --schema accepts by name')
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli schemas', 'github, github-community, stripe, standard-webhooks, cloudevents, generic'],
        ['webhook-cli schemas show stripe', 'print the Stripe event schema'],
        ['webhook-cli schemas show github', 'list GitHub events and actions'],
        ['webhook-cli schemas show github:issues.opened', 'one GitHub definition, standalone'],
        ['webhook-cli schemas show openapi.yaml', 'the webhooks an OpenAPI document describes'],
      ]) + '\nExit codes: 0 listed, 2 usage error.\n',
    )
    .action((flags: { json?: boolean }) =>
      context.run(async () => {
        const { runSchemasList } = await import('../schemas/run-schemas.js');
        return runSchemasList({ json: flags.json ?? false }, context.deps);
      }),
    );
  schemas
    .command('show')
    .description(
      'print one builtin schema (github:<event>.<action> for one GitHub definition), or list the payloads of an OpenAPI or AsyncAPI document',
    )
    .argument(
      '<name>',
      'stripe, standard-webhooks, cloudevents, generic, github, github:<event>.<action>, or an api.yaml / api.json',
    )
    .option('--json', 'for `github`, list its events as JSON')
    .addHelpText(
      'after',
      examples([
        [
          'webhook-cli schemas show stripe > stripe.schema.json',
          'the Stripe event schema, to read or extend',
        ],
        ['webhook-cli schemas show github:pull_request.opened', 'one GitHub definition, standalone'],
        ['webhook-cli schemas show api.yaml', 'the payloads an OpenAPI or AsyncAPI document describes'],
      ]) + '\nExit codes: 0 shown, 2 unknown name or unreadable document.\n',
    )
    .action((name: string, _flags: unknown, command: Command) =>
      context.run(async () => {
        // `--json` may land on `schemas` or on `show` depending on where it is written.
        const json = Boolean(command.optsWithGlobals().json);
        const { runSchemasShow } = await import('../schemas/run-schemas.js');
        return runSchemasShow(name, { json }, context.deps);
      }),
    );
  schemas
    .command('check')
    .description('check schema files against their meta-schema, with line:column for every error')
    .argument('<files...>', 'schema files or directories (searched for *.json), quoted globs, or -')
    .option('-f, --format <format>', `report format: ${FORMATS.join(', ')}`, 'text')
    .option('-v, --verbose', 'also list valid schemas')
    .option('--strict', 'unknown keywords and formats are errors')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli schemas check schemas/', 'every *.json schema in schemas/'],
        ['webhook-cli schemas check s.json --format github', 'annotations in GitHub Actions'],
      ]) + '\nExit codes: 0 all valid, 1 a schema is invalid, 2 a file cannot be read or parsed.\n',
    )
    .action((files: string[], flags: { format: string; verbose?: boolean; strict?: boolean }) =>
      context.run(async () => {
        const format = parseFormat(flags.format);
        const { runSchemasCheck } = await import('../schemas/run-schemas.js');
        return runSchemasCheck(
          { inputs: files, format, verbose: flags.verbose ?? false, strict: flags.strict ?? false },
          context.deps,
        );
      }),
    );
}
