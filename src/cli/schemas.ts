import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerSchemas(program: Command, context: CommandContext): void {
  program
    .command('schemas')
    .description('schemas (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('schemas is not available yet');
      }),
    );
}
