import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/** The help of one command, as a user reads it (80 columns). */
async function help(path: string[]): Promise<string> {
  const result = await runCli([...path, '--help']);
  expect(result.code).toBe(0);
  return result.stdout;
}

/** The names under `Commands:` (without `help`). */
function subcommands(text: string): string[] {
  const section = text.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z-]+)\b/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

/** Every command and subcommand, as argv prefixes: [['listen'], ['schemas', 'check'], ...]. */
async function allCommands(): Promise<string[][]> {
  const found: string[][] = [];
  for (const name of subcommands(await help([]))) {
    found.push([name]);
    for (const sub of subcommands(await help([name]))) found.push([name, sub]);
  }
  return found;
}

describe('help: one style on every command', async () => {
  const commands = await allCommands();

  it('finds the commands', () => {
    expect(commands.map((path) => path.join(' '))).toEqual(
      expect.arrayContaining([
        'listen',
        'send',
        'validate',
        'sign',
        'verify',
        'schemas check',
        'providers show',
      ]),
    );
  });

  for (const path of commands) {
    it(`${path.join(' ')}: a lowercase fragment, examples, an exit-codes line, plain defaults`, async () => {
      const text = await help(path);
      const description = text.split('\n\n')[1]?.replace(/\n/g, ' ') ?? '';
      expect(description).toMatch(/^[a-z]/);
      expect(description).not.toMatch(/\.$/);
      expect(text).toMatch(/\nExamples:\n {2}\$ webhook-cli /);
      expect(text).toMatch(/\nExit codes: 0 /);
      // `(default: 9876)`, never `(default: "9876")` or `(default 9876)`.
      expect(text).not.toMatch(/\(default: "/);
      expect(text).not.toMatch(/\(default [^:]/);
    });
  }

  it('a short flag means the same long flag on every command', async () => {
    const meaning = new Map<string, Set<string>>();
    for (const path of commands) {
      for (const [, short, long] of (await help(path)).matchAll(/^ {2}(-[a-zA-Z]), (--[a-z-]+)/gm)) {
        const longs = meaning.get(short as string) ?? new Set<string>();
        longs.add(long as string);
        meaning.set(short as string, longs);
      }
    }
    const ambiguous = [...meaning]
      .filter(([, longs]) => longs.size > 1)
      .map(([short, longs]) => `${short}: ${[...longs]}`);
    expect(ambiguous).toEqual([]);
    // The ones users reach for most exist wherever their long flag does.
    expect(meaning.get('-v')).toEqual(new Set(['--verbose']));
    expect(meaning.get('-s')).toEqual(new Set(['--schema']));
    expect(meaning.get('-f')).toEqual(new Set(['--format']));
  });
});
