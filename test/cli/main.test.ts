import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode, formatError, InputError, UsageError, worstExitCode } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/run-cli.js';

describe('main()', () => {
  it('prints the version from package.json and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('prints help with every command and examples on stdout', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['listen', 'send', 'validate', 'sign', 'verify', 'schemas']) {
      expect(result.stdout).toContain(`  ${command}`);
    }
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 a check failed, 2 usage or input error.');
  });

  it('`help <command>` and `<command> --help` print the same help', async () => {
    const viaHelp = await runCli(['help', 'validate']);
    const viaFlag = await runCli(['validate', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaFlag.stdout).toContain('Usage: webhook-cli validate');
  });

  it('rejects an unknown option with exit 2 and one line on stderr', async () => {
    const result = await runCli(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("webhook-cli: unknown option '--bogus' (see webhook-cli --help)\n");
  });

  it('suggests the closest command for a typo', async () => {
    const result = await runCli(['lisen']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("webhook-cli: unknown command 'lisen' (Did you mean listen?)\n");
  });

  it('shows help on stderr and exits 2 when no command is given', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: webhook-cli');
    expect(result.stdout).toBe('');
  });
});

describe('errors', () => {
  it('formats a CLI error as one line with its hint', () => {
    expect(formatError(new UsageError('--port: bad', { hint: 'use a number' }))).toBe(
      'webhook-cli: --port: bad (use a number)',
    );
    expect(formatError(new InputError('a.json: cannot read'))).toBe('webhook-cli: a.json: cannot read');
  });

  it('points unexpected errors at --debug', () => {
    expect(formatError(new Error('boom'))).toBe('webhook-cli: boom (run again with --debug for details)');
  });

  it('lets 2 win over 1 and 1 over 0', () => {
    expect(worstExitCode(ExitCode.ok, ExitCode.checkFailed, ExitCode.usage, ExitCode.ok)).toBe(2);
    expect(worstExitCode(ExitCode.ok, ExitCode.checkFailed)).toBe(1);
    expect(worstExitCode()).toBe(0);
    expect(new CliError('x', { exitCode: ExitCode.checkFailed }).exitCode).toBe(1);
    expect(new UsageError('x').exitCode).toBe(2);
  });
});
