import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerSign(program: Command, context: CommandContext): void {
  program
    .command('sign')
    .description('sign (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('sign is not available yet');
      }),
    );
}
