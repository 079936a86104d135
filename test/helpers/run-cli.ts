import { main } from '../../src/main.js';
import { createTestDeps, type TestDeps, type TestDepsOptions } from './test-deps.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  deps: TestDeps;
}

/** Runs `main()` with test deps and returns the exit code and what it printed. */
export async function runCli(argv: string[], options: TestDepsOptions | TestDeps = {}): Promise<CliResult> {
  const deps = 'stdout' in options ? options : createTestDeps(options);
  const code = await main(argv, deps);
  return { code, stdout: deps.stdout.text(), stderr: deps.stderr.text(), deps };
}
