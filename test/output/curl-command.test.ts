import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCurlCommand, quote } from '../../src/output/curl-command.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';

/**
 * Runs a script with /bin/sh (dash on Debian: strictly POSIX), fed on stdin as if pasted, so a
 * large command is not limited by the size of one exec argument.
 */
function sh(command: string, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [], { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    child.stdin.end(`${command}\n`);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('formatCurlCommand (rendering)', () => {
  it('quotes every argument and uses @file for a body file', () => {
    expect(
      formatCurlCommand({
        method: 'POST',
        url: 'http://localhost:3000/hook?a=1&b=2',
        headers: [['X-Note', "it's $HOME `x`"]],
        bodyFile: 'my payload.json',
      }),
    ).toBe(
      [
        "curl -X 'POST' 'http://localhost:3000/hook?a=1&b=2' \\",
        `  -H 'X-Note: it'\\''s $HOME \`x\`' \\`,
        "  --data-binary '@my payload.json'",
      ].join('\n'),
    );
  });

  it('puts printable UTF-8 inline with --data-raw, and other bytes through printf', () => {
    expect(
      formatCurlCommand({ method: 'POST', url: 'http://h/', headers: [], body: Buffer.from('@{"é":1}\n') }),
    ).toBe("curl -X 'POST' 'http://h/' \\\n  --data-raw '@{\"é\":1}\n'");
    expect(
      formatCurlCommand({
        method: 'POST',
        url: 'http://h/',
        headers: [],
        body: Buffer.from([0x41, 0x00, 0xff, 0x25, 0x5c, 0x27]),
      }),
    ).toBe("printf 'A\\000\\377%%\\\\'\\''' |\n  curl -X 'POST' 'http://h/' \\\n  --data-binary @-");
  });

  it('quote() survives the shell for any string', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'curl-quote-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0')),
          async (text) => {
            const out = join(dir, 'out');
            const { code } = await sh(`printf '%s' ${quote(text)} > out`, dir);
            expect(code).toBe(0);
            expect(await readFile(out, 'utf8')).toBe(text);
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('formatCurlCommand (run with the real curl against a real server)', () => {
  let target: HttpTarget;
  let dir: string;
  beforeAll(async () => {
    target = await startHttpTarget();
    dir = await mkdtemp(join(tmpdir(), 'curl-run-'));
  });
  afterAll(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, Buffer, 'file' | 'inline']> = [
    ['JSON from a file', Buffer.from('{"a": "b"}\n'), 'file'],
    ['printable UTF-8 inline, leading @', Buffer.from("@not-a-file 'quoted' $x é ✓\n\ttab"), 'inline'],
    ['every byte value inline via printf', Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'inline'],
    ['a body too large for one argument', Buffer.alloc(200_000, 'a'), 'inline'],
  ];

  it.each(cases)('%s arrives byte for byte with its headers', async (_name, body, mode) => {
    const before = target.requests.length;
    await writeFile(join(dir, 'body file.bin'), body);
    const command = formatCurlCommand({
      method: 'POST',
      url: `${target.url}/hook?x='1'`,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Signature', "sha256=abc'def"],
      ],
      ...(mode === 'file' ? { bodyFile: 'body file.bin' } : { body }),
    });
    const { code, stderr } = await sh(`${command} -sS -o /dev/null`, dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [request] = (await target.waitForRequests(before + 1)).slice(before);
    expect(request?.url).toBe("/hook?x='1'");
    expect(request?.headers['x-signature']).toBe("sha256=abc'def");
    expect(request?.body.equals(body)).toBe(true);
  });
});
