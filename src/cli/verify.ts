import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export function registerVerify(program: Command, context: CommandContext): void {
  program
    .command('verify')
    .description('verify (coming soon)')
    .action(() =>
      context.run(async () => {
        throw new UsageError('verify is not available yet');
      }),
    );
}
