import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';
import { appendPath } from '../../src/http/append-path.js';
import { loadSavedCaptures } from '../../src/inspector/load-saved-captures.js';
import { runCli } from '../helpers/run-cli.js';
import { type RunningListener, startListen } from '../listen/listen-helpers.js';

/** Writes `head` + `body` on a raw socket (no half-close) and resolves with the status code, 0 when none came. */
function sendRequest(url: string, head: string, body: Buffer): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body])),
    );
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
  });
}

const pathChar = fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@%/".split(''));
const segment = fc.array(pathChar, { maxLength: 12 }).map((chars) => chars.join(''));
const query = fc.option(
  fc
    .array(fc.constantFrom(...'ab=&%?/:+ '.replace(' ', '').split('')), { maxLength: 10 })
    .map((c) => `?${c.join('')}`),
  { nil: '' },
);
const originForm = fc.tuple(segment, query).map(([path, q]) => `/${path}${q}`);
const target = fc.oneof(
  originForm,
  fc
    .tuple(
      fc.constantFrom('http', 'HTTP', 'https'),
      fc.constantFrom('h', 'proxy.example:8080', '[::1]', 'u@h'),
      originForm,
    )
    .map(([scheme, host, path]) => `${scheme}://${host}${path}`),
  fc.tuple(fc.constantFrom('http://h', 'https://h:1'), query).map(([base, q]) => `${base}${q}`),
  fc.constant('*'),
);
const headerName = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/);
// Visible ASCII, spaces inside and obs-text (0x80-0xFF), as a sender may put on the wire.
const headerValue = fc
  .array(
    fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.constant(0x20), fc.integer({ min: 0x80, max: 0xff })),
    {
      maxLength: 30,
    },
  )
  .map((codes) => String.fromCharCode(...codes).trim());
const reserved =
  /^(host|content-length|transfer-encoding|connection|expect|upgrade|sec-fetch-site|content-encoding)$/i;
// Methods Node's parser knows (it answers 400 itself to others, before the listener sees them).
const shape = fc.record({
  method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS', 'PROPFIND'),
  target,
  headers: fc.array(
    fc.tuple(
      headerName.filter((name) => !reserved.test(name)),
      headerValue,
    ),
    { maxLength: 20 },
  ),
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ),
  body: fc.uint8Array({ maxLength: 1024 }),
});

describe('listen: every request it accepts can be read back (issue 12, property)', () => {
  let dir: string;
  let listener: RunningListener;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'listen-shapes-'));
    listener = await startListen(['--save', dir, '--quiet']);
  });
  afterAll(async () => {
    await listener.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 400, or saves a capture that send, validate, verify and the inspector all read', async () => {
    const host = new URL(listener.url).host;
    await fc.assert(
      fc.asyncProperty(shape, async ({ method, target, headers, contentType, body }) => {
        const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`];
        for (const [name, value] of headers) lines.push(`${name}: ${value}`);
        if (contentType !== undefined) lines.push(`Content-Type: ${contentType}`);
        lines.push(`Content-Length: ${body.length}`, 'Connection: close');
        const before = new Set(await readdir(dir));
        const status = await sendRequest(listener.url, `${lines.join('\r\n')}\r\n\r\n`, Buffer.from(body));
        const added = (await readdir(dir)).filter((name) => !before.has(name));
        if (status === 400) {
          expect(target === '*' || !target.startsWith('/')).toBe(true);
          expect(added).toEqual([]);
          return;
        }
        expect(status).toBe(200);
        expect(added).toHaveLength(1);
        const file = join(dir, added[0] as string);
        const capture = await readCaptureFile(file);
        expect(capture.path.startsWith('/')).toBe(true);
        expect(Buffer.from(body).equals(capture.body)).toBe(true);
        expect(`${capture.id}.json`).toBe(added[0]);

        const to = 'http://127.0.0.1:9/base';
        const sent = await runCli(['send', file, '--to', to, '--dry-run']);
        expect(sent.stderr).not.toContain('not a valid capture');
        // A path that send must not append (it climbs out of --to's path, or hides a dot segment
        // behind `;` or an encoded slash, e.g. `/.;`) is read all the same, and refused saying which.
        const refusal = pathRefusal(to, capture.path);
        if (refusal === null) expect(sent.code, sent.stderr).toBe(0);
        else {
          expect(sent.code).toBe(1);
          expect(sent.stdout).toContain(`bad input: ${refusal}`);
        }
        const validated = await runCli(['validate', file, '--schema', 'generic']);
        expect(validated.stdout + validated.stderr).not.toContain('not a valid capture');
        const verified = await runCli(['verify', file, '--scheme', 'github', '--secret', 'k']);
        expect(verified.stderr).not.toContain('not a valid capture');
        expect(verified.code, verified.stderr).toBe(1);
        const skipped: string[] = [];
        const shown = await loadSavedCaptures(dir, {
          onSkip: (path, message) => skipped.push(`${path}: ${message}`),
        });
        expect(skipped).toEqual([]);
        expect(shown.some((delivery) => delivery.id === capture.id)).toBe(true);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

/** Why send refuses to append `path` to `to` (see src/http/append-path.ts), or null. */
function pathRefusal(to: string, path: string): string | null {
  try {
    appendPath(new URL(to), path);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
