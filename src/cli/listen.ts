import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerListen(program: Command, context: CommandContext): void {
  program
    .command('listen')
    .description('listen (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('listen is not available yet');
      }),
    );
}
