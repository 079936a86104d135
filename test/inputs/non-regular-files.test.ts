import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NamedFileError, readNamedFile } from '../../src/inputs/read-named-file.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';

// Issue #12: `validate /dev/zero` read 3 GB, a FIFO hung validate, `send` on a FIFO hung beyond
// Ctrl-C, `send /dev/zero` sent 1024 bytes and said "delivered". A named input that is not a
// regular file is now refused by name, before it is opened for reading or with O_NONBLOCK.
const hasDevZero = (() => {
  try {
    execFileSync('test', ['-c', '/dev/zero']);
    return true;
  } catch {
    return false;
  }
})();

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'non-regular-'));
  // A FIFO no one writes to: opening it for reading the usual way blocks until a writer comes.
  execFileSync('mkfifo', [join(root, 'fifo.json')]);
  mkdirSync(join(root, 'dir'));
  execFileSync('mkfifo', [join(root, 'dir', 'pipe.json')]);
  writeFileSync(join(root, 'dir', 'ok.json'), '{"event":"a","data":{}}');
  writeFileSync(join(root, 'ok.json'), '{"event":"a","data":{}}');
  writeFileSync(join(root, 'schema.json'), '{"type":"object"}');
  writeFileSync(join(root, 'ref-zero.schema.json'), '{"$ref":"file:///dev/zero"}');
  writeFileSync(join(root, 'ref-fifo.schema.json'), '{"$ref":"fifo.json"}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const validate = (args: string[]) => runCli(['validate', ...args], { cwd: root });

describe('validate: inputs that are not regular files', () => {
  it.runIf(hasDevZero)('/dev/zero is an input error, not read', async () => {
    const result = await validate(['/dev/zero', 'ok.json', '--schema', 'generic']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      '/dev/zero:1:1  error not a regular file\n2 files: 1 valid, 0 invalid, 1 error\n',
    );
  });

  it('a FIFO named as input, or met in a directory under a payload name, is an input error', async () => {
    const result = await validate(['fifo.json', 'dir', '--schema', 'generic']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      [
        'fifo.json:1:1  error not a regular file',
        'dir/pipe.json:1:1  error not a regular file',
        '3 files: 1 valid, 0 invalid, 2 errors',
        '',
      ].join('\n'),
    );
  });

  it.runIf(hasDevZero)('--schema /dev/zero, or a FIFO, is refused by name', async () => {
    const zero = await validate(['ok.json', '--schema', '/dev/zero']);
    expect([zero.code, zero.stderr]).toEqual([
      2,
      'webhook-cli: schema /dev/zero cannot be read: not a regular file\n',
    ]);
    const fifo = await validate(['ok.json', '--schema', 'fifo.json']);
    expect([fifo.code, fifo.stderr]).toEqual([
      2,
      'webhook-cli: schema fifo.json cannot be read: not a regular file\n',
    ]);
  });

  it.runIf(hasDevZero)('a $ref to file:///dev/zero or to a FIFO is a broken schema, never read', async () => {
    const zero = await validate(['ok.json', '--schema', 'ref-zero.schema.json']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(
      /^webhook-cli: schema ref-zero\.schema\.json is broken: \$ref (\.\.\/)+dev\/zero cannot be read: not a regular file \(fix the schema; no payload was judged against it\)\n$/,
    );
    const fifo = await validate(['ok.json', '--schema', 'ref-fifo.schema.json']);
    expect([fifo.code, fifo.stderr]).toEqual([
      2,
      'webhook-cli: schema ref-fifo.schema.json is broken: $ref fifo.json cannot be read: not a regular file (fix the schema; no payload was judged against it)\n',
    ]);
  });
});

describe('send: inputs that are not regular files', () => {
  it.runIf(hasDevZero)('/dev/zero and a FIFO are bad inputs; nothing of them is sent', async () => {
    target = await startHttpTarget();
    const result = await runCli(['send', '/dev/zero', 'fifo.json', 'ok.json', '--to', target.url], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(target.requests.map((request) => request.body.toString('utf8'))).toEqual([
      '{"event":"a","data":{}}',
    ]);
    expect(result.stdout).toContain('✘ /dev/zero → bad input: not a regular file\n');
    expect(result.stdout).toContain('✘ fifo.json → bad input: not a regular file\n');
    expect(result.stderr).toContain('delivered 1 of 3, bad inputs 2');
  });
});

describe('sign and verify: a file that is not regular', () => {
  const secret = ['--secret', 'It is a secret'];
  for (const command of ['sign', 'verify']) {
    it.runIf(hasDevZero)(`${command} refuses /dev/zero and a FIFO by name`, async () => {
      const zero = await runCli([command, '/dev/zero', '--scheme', 'github', ...secret], { cwd: root });
      expect([zero.code, zero.stderr]).toEqual([2, 'webhook-cli: /dev/zero: not a regular file\n']);
      const fifo = await runCli([command, 'fifo.json', '--scheme', 'github', ...secret], { cwd: root });
      expect([fifo.code, fifo.stderr]).toEqual([2, 'webhook-cli: fifo.json: not a regular file\n']);
    });
  }
});

describe('--max-file-size', () => {
  it('validate: a larger file, or standard input, is an input error', async () => {
    writeFileSync(join(root, 'big.json'), JSON.stringify({ event: 'a', data: { text: 'x'.repeat(2048) } }));
    const result = await validate(['big.json', 'ok.json', '--schema', 'generic', '--max-file-size', '1kb']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      'big.json:1:1  error larger than --max-file-size (1.0 KB)\n2 files: 1 valid, 0 invalid, 1 error\n',
    );
    const piped = await runCli(['validate', '-', '--schema', 'generic', '--max-file-size', '1kb'], {
      cwd: root,
      stdin: 'x'.repeat(2048),
    });
    expect(piped.stdout).toBe(
      '<stdin>:1:1  error larger than --max-file-size (1.0 KB)\n1 file: 0 valid, 0 invalid, 1 error\n',
    );
  });

  it('sign and verify: a larger file is an input error; the default is shown in --help', async () => {
    const signed = await runCli(
      ['sign', 'big.json', '--scheme', 'github', '--secret', 's', '--max-file-size', '1kb'],
      { cwd: root },
    );
    expect([signed.code, signed.stderr]).toEqual([
      2,
      'webhook-cli: big.json: larger than --max-file-size (1.0 KB)\n',
    ]);
    for (const command of ['validate', 'sign', 'verify']) {
      const help = await runCli([command, '--help']);
      expect(help.stdout).toMatch(
        /--max-file-size <size>\s+largest file \(payload, capture, schema\)[\s\S]*\(default: 100mb\)/,
      );
    }
    const bad = await runCli([
      'sign',
      'ok.json',
      '--scheme',
      'github',
      '--secret',
      's',
      '--max-file-size',
      'lots',
    ]);
    expect(bad.stderr).toBe(
      "webhook-cli: --max-file-size: 'lots' is not a size (use a number with a unit: 512kb, 1mb)\n",
    );
  });

  it('readNamedFile: a file longer than fstat said is read in bounds, or refused past them', () => {
    const path = join(root, 'ten.json');
    writeFileSync(path, '1234567890');
    // A lent buffer shorter than the file stands for a file that grew after fstat.
    expect(readNamedFile(path, 'ten.json', 10, () => Buffer.alloc(6)).toString()).toBe('1234567890');
    expect(() => readNamedFile(path, 'ten.json', 8)).toThrow(
      new NamedFileError('ten.json', 'larger than --max-file-size (8 B)'),
    );
  });

  it.runIf(process.platform === 'linux')(
    'readNamedFile: a file whose fstat size is 0 is still bounded',
    () => {
      // /proc files are regular files of size 0 that hold more: the bound holds while reading.
      expect(() => readNamedFile('/proc/self/status', 'status', 8)).toThrow(
        new NamedFileError('status', 'larger than --max-file-size (8 B)'),
      );
    },
  );
});
