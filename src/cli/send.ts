import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerSend(program: Command, context: CommandContext): void {
  program
    .command('send')
    .description('send (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('send is not available yet');
      }),
    );
}
