import type { Deps } from '../deps.js';
import type { ExitCode } from '../errors.js';

/** What every `src/cli/<command>.ts` gets: the injected I/O and a way to report its exit code. */
export interface CommandContext {
  deps: Deps;
  /** Runs a command's implementation; its result becomes the process's exit code (see main.ts). */
  run(task: () => Promise<ExitCode>): Promise<void>;
}

/** Appended to each command's help: real examples, one per line, with a comment. */
export function examples(lines: Array<[command: string, comment: string]>): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  return `\nExamples:\n${lines.map(([command, comment]) => `  $ ${command.padEnd(width)}  # ${comment}`).join('\n')}\n`;
}
