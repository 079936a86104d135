import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// Issue #12: `verify --tolerance 300` meant 300 s while `send --timeout 10` was refused. Every
// duration flag now goes through parseDuration alike: a bare number is refused with one message.
const cases: Array<[string, string[]]> = [
  ['--timeout', ['send', 'x.json', '--to', 'http://127.0.0.1:9', '--timeout', '30']],
  ['--min-delay', ['send', 'x.json', '--to', 'http://127.0.0.1:9', '--min-delay', '30']],
  ['--max-delay', ['send', 'x.json', '--to', 'http://127.0.0.1:9', '--max-delay', '30']],
  ['--max-elapsed', ['send', 'x.json', '--to', 'http://127.0.0.1:9', '--max-elapsed', '30']],
  ['--timeout', ['listen', '-p', '0', '--timeout', '30']],
  ['--delay', ['listen', '-p', '0', '--delay', '30']],
  [
    '--forward-timeout',
    ['listen', '-p', '0', '--forward-to', 'http://127.0.0.1:9', '--forward-timeout', '30'],
  ],
  ['--tolerance', ['listen', '-p', '0', '--verify', 'github', '--secret', 's', '--tolerance', '30']],
  ['--tolerance', ['verify', 'x.json', '--scheme', 'github', '--secret', 's', '--tolerance', '30']],
];

describe('duration flags (#12)', () => {
  for (const [flag, argv] of cases) {
    it(`${argv[0]} ${flag} 30 is refused like every other duration flag`, async () => {
      const result = await runCli(argv);
      expect([result.code, result.stdout, result.stderr]).toEqual([
        2,
        '',
        `webhook-cli: ${flag}: '30' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)\n`,
      ]);
    });
  }

  it('days are a unit everywhere, within what a timer can wait', async () => {
    const result = await runCli(['listen', '-p', '0', '--timeout', '25d']);
    expect([result.code, result.stderr]).toEqual([
      2,
      "webhook-cli: --timeout: '25d' is too long (use at most 24 days)\n",
    ]);
  });
});
