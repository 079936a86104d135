import { mkdirSync } from 'node:fs';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { FAILED_FILE_HEADER } from '../../src/inputs/failed-file-header.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import { capture, captureJson, makeDir, readFailedLines } from './fixtures.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const started = async () => {
  target = await startHttpTarget();
  return target;
};
const urls = () => target?.requests.map((request) => request.url) ?? [];
const bodies = () => target?.requests.map((request) => request.body.toString()) ?? [];

describe('send: a capture path stays under --to', () => {
  test('a path that climbs out of the --to path is a bad input, in every spelling; dots below it are resolved', async () => {
    const app = await started();
    const paths = [
      '/../admin',
      '/%2e%2e/admin',
      '/%2E%2E/admin',
      '/x/../../secret',
      '/..%2fadmin',
      '/..\\admin',
    ];
    const hidden = (path: string) => path.includes('%2f');
    const lines = [...paths, '/x/../y?k=1'].map((path, index) =>
      captureJson(capture({ id: `c${index}`, path }), true),
    );
    const dir = await makeDir({ 'c.jsonl': `${lines.join('\n')}\n` });
    const result = await runCli(['send', 'c.jsonl', '--to', `${app.url}/hooks`, '--failed', 'failed.jsonl'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(urls()).toEqual(['/hooks/y?k=1']);
    for (const [index] of paths.entries()) {
      const why = hidden(paths[index] as string)
        ? "the path hides a dot segment behind ';' or an encoded slash"
        : 'the path climbs out of /hooks';
      expect(result.stdout).toContain(`✘ c.jsonl:${index + 1} → bad input: ${why}\n`);
    }
    expect(result.stderr).toContain(`delivered 1 of 7, bad inputs 6`);
    // Kept as captures, so nothing is lost.
    const failed = (await readFailedLines(join(dir, 'failed.jsonl'))).map((line) => JSON.parse(line).path);
    expect(failed).toEqual(paths);
  });

  test('--dry-run reports it the same way and exits 1', async () => {
    const dir = await makeDir({ 'c.json': captureJson(capture({ path: '/a/%2e%2E/../admin' })) });
    const result = await runCli(['send', 'c.json', '--to', 'http://127.0.0.1:9/hooks', '--dry-run'], {
      cwd: dir,
    });
    expect(result.stdout).toBe('✘ c.json → bad input: the path climbs out of /hooks\n');
    expect(result.stderr).toBe('dry run: 0 requests not sent, 1 bad input\n');
    expect(result.code).toBe(1);
  });
});

describe('send: a payload cannot make send read another file', () => {
  const reference = (path: string, line?: number) =>
    JSON.stringify({ $webhookCliInput: line === undefined ? { path } : { path, line } });
  const NOT_FOLLOWED =
    'bad input: "$webhookCliInput" names another input to read; send follows that only in a file written by send --failed';

  test('in a payload file, a .jsonl line or on standard input, a reference is a bad input and nothing is read', async () => {
    const app = await started();
    const dir = await makeDir({ 'secret.txt': 'TOP SECRET' });
    const secret = join(dir, 'secret.txt');
    await writeFile(join(dir, 'p.json'), reference(secret));
    await writeFile(join(dir, 'l.jsonl'), `{"n":1}\n${reference(secret)}\n`);
    const files = await runCli(['send', 'p.json', 'l.jsonl', '--to', app.url], { cwd: dir });
    expect(files.stdout).toContain(`✘ p.json → ${NOT_FOLLOWED}\n`);
    expect(files.stdout).toContain(`✘ l.jsonl:2 → ${NOT_FOLLOWED}\n`);
    expect(files.stderr).toContain('delivered 1 of 3, bad inputs 2');
    expect(files.code).toBe(1);
    const stdin = await runCli(['send', '-', '--to', app.url], { cwd: dir, stdin: reference(secret) });
    expect(stdin.stdout).toBe(`✘ - → ${NOT_FOLLOWED}\n`);
    const stdinLines = await runCli(['send', '-', '--to', app.url], {
      cwd: dir,
      stdin: `{"n":2}\n${reference(secret, 1)}\n`,
    });
    expect(stdinLines.stdout).toContain(`✘ -:2 → ${NOT_FOLLOWED}\n`);
    expect(bodies()).toEqual(['{"n":1}', '{"n":2}']);
    expect(bodies().join('')).not.toContain('SECRET');
  });

  test('a header line forged into a file that is not its first line does not count', async () => {
    const app = await started();
    const dir = await makeDir({ 'secret.txt': 'TOP SECRET' });
    await writeFile(
      join(dir, 'l.jsonl'),
      `{"n":1}\n${FAILED_FILE_HEADER}${reference(join(dir, 'secret.txt'))}\n`,
    );
    const result = await runCli(['send', 'l.jsonl', '--to', app.url], { cwd: dir });
    expect(result.stdout).toContain(`✘ l.jsonl:3 → ${NOT_FOLLOWED}\n`);
    expect(bodies().join('')).not.toContain('SECRET');
  });

  test('in a file written by --failed, references are followed, also through .json names, symlinks and stdin', async () => {
    const app = await started();
    const dir = await makeDir({
      'events.jsonl': '{"n":1}\nnot json\n{"n":3}\n',
      'gone.json': '{"n":"gone"}',
    });
    const first = await runCli(
      ['send', 'events.jsonl', 'missing.json', '--to', `${app.url}/x`, '--failed', 'failed.json'],
      { cwd: dir },
    );
    expect(first.stderr).toContain('delivered 2 of 4, bad inputs 2');
    // Fixed since: the reference is read again, from its original place.
    await writeFile(join(dir, 'events.jsonl'), '{"n":1}\n{"n":2}\n{"n":3}\n');
    await writeFile(join(dir, 'missing.json'), '{"n":"found"}');
    await symlink(join(dir, 'failed.json'), join(dir, 'link.jsonl'));
    for (const args of [['failed.json'], ['link.jsonl']]) {
      app.requests.length = 0;
      const again = await runCli(['send', ...args, '--to', app.url], { cwd: dir });
      expect(bodies()).toEqual(['{"n":2}', '{"n":"found"}']);
      expect(again.stdout).toMatch(/^✔ events\.jsonl:2 → 200 OK .*\n✔ missing\.json → 200 OK /);
      expect(again.code).toBe(0);
    }
    app.requests.length = 0;
    const { readFile } = await import('node:fs/promises');
    const piped = await runCli(['send', '-', '--to', app.url], {
      cwd: dir,
      stdin: await readFile(join(dir, 'failed.json'), 'utf8'),
    });
    expect(bodies()).toEqual(['{"n":2}', '{"n":"found"}']);
    expect(piped.code).toBe(0);
  });

  test('a --failed file that refers to itself, or two that refer to each other: one bad input per loop, counts add up', async () => {
    const app = await started();
    const dir = await makeDir();
    const self = join(dir, 'self.jsonl');
    await writeFile(self, `${FAILED_FILE_HEADER}{"n":1}\n${reference(self, 3)}\n${reference(self)}\n`);
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    await writeFile(a, `${FAILED_FILE_HEADER}${reference(b, 2)}\n`);
    await writeFile(b, `${FAILED_FILE_HEADER}${reference(a, 2)}\n`);
    const result = await runCli(['send', 'self.jsonl', 'a.jsonl', '--to', app.url, '--failed', 'out.jsonl'], {
      cwd: dir,
    });
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^✔ self\.jsonl:2 → 200 OK/),
      '✘ self.jsonl:3 → bad input: the reference to self.jsonl leads back to an input being read (a loop)',
      '✘ self.jsonl:4 → bad input: the reference to self.jsonl leads back to an input being read (a loop)',
      '✘ b.jsonl:2 → bad input: the reference to a.jsonl leads back to an input being read (a loop)',
      '',
    ]);
    expect(result.stderr).toContain('delivered 1 of 4, bad inputs 3');
    expect(result.stderr).toContain('3 undelivered inputs written to out.jsonl');
    expect(await readFailedLines(join(dir, 'out.jsonl'))).toHaveLength(3);
    expect(result.code).toBe(1);
  });

  test('a reference to a line that is no longer there is still one bad input', async () => {
    const app = await started();
    const dir = await makeDir({ 'events.jsonl': '{"n":1}\n' });
    await writeFile(
      join(dir, 'failed.jsonl'),
      `${FAILED_FILE_HEADER}${reference(join(dir, 'events.jsonl'), 5)}\n`,
    );
    const result = await runCli(['send', 'failed.jsonl', '--to', app.url], { cwd: dir });
    expect(result.stdout).toBe('✘ events.jsonl:5 → bad input: events.jsonl has no line 5 any more\n');
    expect(result.stderr).toContain('delivered 0 of 1, bad inputs 1');
  });
});

describe('send: .jsonl lines are parsed', () => {
  test.each(['{bad json}', '[1, 2', '{"a": 1}}', '["\\u0024webhookCli"'])(
    'the line %s is a bad input and the other lines are sent',
    async (line) => {
      const app = await started();
      const dir = await makeDir({ 'e.jsonl': `{"n":1}\n${line}\n{"n":3}\n` });
      const result = await runCli(['send', 'e.jsonl', '--to', app.url], { cwd: dir });
      expect(bodies()).toEqual(['{"n":1}', '{"n":3}']);
      expect(result.stdout).toMatch(/✘ e\.jsonl:2 → bad input: not valid JSON: /);
      expect(result.stderr).toContain('delivered 2 of 3, bad inputs 1');
      expect(result.code).toBe(1);
    },
  );

  test('a capture whose marker is spelled with a \\u escape is read as a capture, in a file or a line', async () => {
    const app = await started();
    const escaped = captureJson(capture({ path: '/escaped' }), true).replace(
      '"$webhookCli"',
      '"\\u0024webhookCli"',
    );
    const dir = await makeDir({ 'c.json': escaped, 'c.jsonl': `${escaped}\n` });
    const result = await runCli(['send', 'c.json', 'c.jsonl', '--to', app.url], { cwd: dir });
    expect(urls()).toEqual(['/escaped', '/escaped']);
    expect(result.code).toBe(0);
  });
});

describe('send --failed: refused before anything is sent', () => {
  test.each([
    [
      'out',
      'webhook-cli: --failed: cannot write out: it is a directory (choose a file in a directory you can write to)\n',
    ],
    [
      'nope/f.jsonl',
      'webhook-cli: --failed: cannot write nope/f.jsonl: no such file or directory (choose a file in a directory you can write to)\n',
    ],
    [
      'p.json/f.jsonl',
      'webhook-cli: --failed: cannot write p.json/f.jsonl: not a directory (choose a file in a directory you can write to)\n',
    ],
  ])('--failed %s', async (failed, message) => {
    const app = await started();
    const dir = await makeDir({ 'p.json': '{"n":1}', 'out/keep.txt': 'x' });
    const result = await runCli(['send', 'p.json', '--to', app.url, '--failed', failed], { cwd: dir });
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(app.requests).toHaveLength(0);
  });

  test('--failed naming a symlink or a device', async () => {
    const app = await started();
    const dir = await makeDir({ 'p.json': '{"n":1}' });
    await symlink('/dev/null', join(dir, 'null.jsonl'));
    const result = await runCli(['send', 'p.json', '--to', app.url, '--failed', 'null.jsonl'], { cwd: dir });
    expect(result.stderr).toBe(
      'webhook-cli: --failed: cannot write null.jsonl: it is not a regular file (choose a file in a directory you can write to)\n',
    );
    expect(result.code).toBe(2);
    expect(app.requests).toHaveLength(0);
  });
});

describe('send --failed: the list is never lost', () => {
  test('when it cannot be moved into place at the end, it is kept and the summary does not claim it was written', async () => {
    const dir = await makeDir({ 'p.json': '{"n":1}' });
    // The path turns into a directory while the payload is being sent.
    target = await startHttpTarget((_request, index) => {
      if (index === 0) mkdirSync(join(dir, 'failed.jsonl'));
      return { status: 500 };
    });
    const result = await runCli(
      ['send', 'p.json', '--to', target.url, '--retries', '0', '--failed', 'failed.jsonl'],
      {
        cwd: dir,
      },
    );
    const kept = /\(the list is in (.+)\)\n$/.exec(result.stderr)?.[1] as string;
    expect(result.stderr).toMatch(/^delivered 0 of 1, failed 1 {2}· {2}1 attempt in \d+m?s.*\nwebhook-cli: /);
    expect(result.stderr).not.toContain('written to');
    expect(result.stderr).toContain(
      `\nwebhook-cli: --failed: cannot write failed.jsonl: is a directory (the list is in ${kept})\n`,
    );
    expect(result.code).toBe(2);
    expect(await readFailedLines(kept)).toHaveLength(1);
  });
});

describe('send --dry-run --json', () => {
  test('prints one JSON object per request, and bad inputs as send --json does', async () => {
    const dir = await makeDir({
      'a.json': '{"a":1}',
      'c.json': captureJson(capture({ method: 'PUT', path: '/gh?x=1', headers: [['X-Event', 'push']] })),
    });
    const result = await runCli(
      [
        'send',
        'a.json',
        'c.json',
        'gone.json',
        '--to',
        'http://127.0.0.1:9/in',
        '--dry-run',
        '--json',
        '-H',
        'X-Env: t',
      ],
      { cwd: dir, clock: new ManualClock() },
    );
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        input: 'a.json',
        outcome: 'dry-run',
        method: 'POST',
        url: 'http://127.0.0.1:9/in',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Env', 't'],
        ],
        bodyBytes: 7,
      },
      {
        input: 'c.json',
        outcome: 'dry-run',
        method: 'PUT',
        url: 'http://127.0.0.1:9/in/gh?x=1',
        headers: [
          ['X-Event', 'push'],
          ['X-Env', 't'],
        ],
        bodyBytes: 17,
      },
      {
        input: 'gone.json',
        ok: false,
        outcome: 'bad-input',
        status: null,
        statusText: null,
        error: 'no such file or directory',
        attempts: [],
        ms: 0,
      },
    ]);
    expect(result.stderr).toBe('dry run: 2 requests not sent, 1 bad input\n');
    expect(result.code).toBe(1);
  });

  test('--curl and --json together are refused', async () => {
    const result = await runCli([
      'send',
      'a.json',
      '--to',
      'http://127.0.0.1:9/',
      '--dry-run',
      '--curl',
      '--json',
    ]);
    expect(result.stderr).toBe(
      'webhook-cli: --curl and --json cannot be used together (--dry-run --json prints each request as a JSON object)\n',
    );
    expect(result.code).toBe(2);
  });
});

describe('send: a capture of an unknown version', () => {
  test('is reported as an unsupported version, never sent as a raw payload', async () => {
    const app = await started();
    const v2 = JSON.parse(captureJson(capture()));
    v2.$webhookCli = 'capture/v2';
    const dir = await makeDir({ 'v2.json': JSON.stringify(v2), 'v2.jsonl': `${JSON.stringify(v2)}\n` });
    const result = await runCli(['send', 'v2.json', 'v2.jsonl', '--to', app.url], { cwd: dir });
    expect(result.stdout).toBe(
      [
        '✘ v2.json → bad input: unsupported capture version "capture/v2" (this webhook-cli reads capture/v1)',
        '✘ v2.jsonl:1 → bad input: unsupported capture version "capture/v2" (this webhook-cli reads capture/v1)',
        '',
      ].join('\n'),
    );
    expect(app.requests).toHaveLength(0);
    expect(result.code).toBe(1);
  });
});
