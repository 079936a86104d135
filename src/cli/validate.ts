import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('validate (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('validate is not available yet');
      }),
    );
}
