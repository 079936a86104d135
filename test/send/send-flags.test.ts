import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { makeDir } from './fixtures.js';

let target: HttpTarget;
let dir: string;
beforeAll(async () => {
  target = await startHttpTarget();
  dir = await makeDir({ 'p.json': '{}' });
});
afterAll(async () => {
  await target.close();
});

describe('send: every bad flag is a usage error (exit 2) and nothing is sent', () => {
  test.each([
    [[], 'webhook-cli: --to is required (e.g. --to http://localhost:3000/webhook)'],
    [
      ['--to', 'localhost:3000'],
      "webhook-cli: --to: 'localhost:3000' is not an http(s) URL (e.g. --to http://localhost:3000/webhook)",
    ],
    [
      ['--to', 'ftp://h/x'],
      "webhook-cli: --to: 'ftp://h/x' is not an http(s) URL (e.g. --to http://localhost:3000/webhook)",
    ],
    [
      ['--to', 'not a url'],
      "webhook-cli: --to: 'not a url' is not an http(s) URL (e.g. --to http://localhost:3000/webhook)",
    ],
    [
      ['--to', 'http://u:p@h/'],
      "webhook-cli: --to: credentials in the URL are not supported (send them as a header: -H 'Authorization: ...')",
    ],
    [['-X', 'PO ST'], "webhook-cli: --method: 'PO ST' is not an HTTP method (e.g. POST, PUT or PATCH)"],
    [['-H', 'NoColon'], "webhook-cli: --header: 'NoColon' is not a header (write it as 'Name: value')"],
    [
      ['--drop-header', 'bad name'],
      "webhook-cli: --drop-header: 'bad name' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
    ],
    [
      ['--timeout', '10'],
      "webhook-cli: --timeout: '10' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)",
    ],
    [['--timeout', '0s'], 'webhook-cli: --timeout must be more than 0'],
    [['--retries', '-1'], "webhook-cli: --retries: '-1' is not a whole number from 0 to 100"],
    [['--retries', 'many'], "webhook-cli: --retries: 'many' is not a whole number from 0 to 100"],
    [
      ['--min-delay', 'soon'],
      "webhook-cli: --min-delay: 'soon' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)",
    ],
    [
      ['--max-delay', '1x'],
      "webhook-cli: --max-delay: '1x' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)",
    ],
    [
      ['--min-delay', '5s', '--max-delay', '1s'],
      'webhook-cli: --min-delay (5s) is longer than --max-delay (1s)',
    ],
    [['--max-elapsed', '0ms'], 'webhook-cli: --max-elapsed must be more than 0'],
    [
      ['--retry-on', '429,abc'],
      "webhook-cli: --retry-on: 'abc' is not an HTTP status (a comma-separated list such as '429,503', or all-non-2xx)",
    ],
    [
      ['--retry-on', '700'],
      "webhook-cli: --retry-on: '700' is not an HTTP status (a comma-separated list such as '429,503', or all-non-2xx)",
    ],
    [
      ['--to', 'ftp://user:s3cret@127.0.0.1/'],
      "webhook-cli: --to: credentials in the URL are not supported (send them as a header: -H 'Authorization: ...')",
    ],
    [
      ['--to', 'user:s3cret@127.0.0.1:3000'],
      'webhook-cli: --to: the URL is not an http(s) URL (e.g. --to http://localhost:3000/webhook)',
    ],
    [['--concurrency', '0'], "webhook-cli: --concurrency: '0' is not a whole number from 1 to 1000"],
    [['--rate', '0'], "webhook-cli: --rate: '0' is not a rate (e.g. 10 or 10/s, 600/m)"],
    [['--rate', 'fast'], "webhook-cli: --rate: 'fast' is not a rate (e.g. 10 or 10/s, 600/m)"],
    [['--curl'], 'webhook-cli: --curl only works with --dry-run (add --dry-run to print curl commands)'],
    [['--failed', '-'], "webhook-cli: --failed: '-' is not a file name (e.g. --failed failed.jsonl)"],
    [['--secret', 's'], 'webhook-cli: --secret needs --sign <scheme> (for example --sign github)'],
    [
      ['--sign', 'nope', '--secret', 's'],
      "webhook-cli: unknown signature scheme 'nope' ('webhook-cli providers' lists them all)",
    ],
    [
      ['--sign', 'github'],
      'webhook-cli: no secret given (pass --secret, --secret-env NAME or set WEBHOOK_SECRET)',
    ],
    [
      ['--sign', 'github', '--secret', 's', '--algorithm', 'sha1'],
      'webhook-cli: --algorithm applies only to the hmac scheme (the github scheme has fixed headers and algorithm)',
    ],
  ])('%j', async (flags, message) => {
    const withTo = flags.includes('--to') || flags.length === 0 ? flags : ['--to', target.url, ...flags];
    const result = await runCli(['send', 'p.json', ...withTo], { cwd: dir });
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(target.requests).toHaveLength(0);
  });

  test('no inputs', async () => {
    const result = await runCli(['send', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("webhook-cli: missing required argument 'inputs' (see webhook-cli --help)\n");
  });

  test('--failed in a directory that does not exist: exit 2 before sending', async () => {
    const result = await runCli(['send', 'p.json', '--to', target.url, '--failed', 'no/such/dir/f.jsonl'], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'webhook-cli: --failed: cannot write no/such/dir/f.jsonl: no such file or directory (choose a file in a directory you can write to)\n',
    );
    expect(target.requests).toHaveLength(0);
  });

  test('secrets never appear in messages', async () => {
    const result = await runCli(
      ['send', 'p.json', '--to', 'ftp://x', '--sign', 'github', '--secret', 'hunter2-secret'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('hunter2');
  });

  test('help lists every flag with examples', async () => {
    const result = await runCli(['send', '--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--to',
      '--method',
      '--header',
      '--drop-header',
      '--sign',
      '--secret',
      '--secret-env',
      '--timeout',
      '--dry-run',
      '--curl',
      '--retries',
      '--min-delay',
      '--max-delay',
      '--max-elapsed',
      '--retry-on',
      '--concurrency',
      '--rate',
      '--fail-fast',
      '--json',
      '--verbose',
      '--failed',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('Examples:');
  });
});
