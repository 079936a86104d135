import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeCapture } from '../../src/capture/encode-capture.js';
import type { HeaderList } from '../../src/options/headers.js';
import { runCli } from '../helpers/run-cli.js';
import { schemeFor } from '../helpers/signing.js';
import { ManualClock } from '../helpers/test-deps.js';

const SECRET = 'gh-webhook-secret-1234';
const OLD_SECRET = 'gh-webhook-secret-old';
const STRIPE = 'whsec_9f8e7d6c5b4a';
const SVIX = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = 1_767_225_600; // the ManualClock's 2026-01-01T00:00:00Z
const body = Buffer.from('{"action":"opened","number":7}\n');
const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
let dir: string;

async function saveCapture(name: string, headers: HeaderList, bytes = body): Promise<void> {
  await writeFile(
    join(dir, name),
    serializeCapture({
      id: name,
      receivedAt: '2026-01-01T00:00:00.000Z',
      method: 'POST',
      path: '/hook',
      headers,
      body: bytes,
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-cmd-'));
  const gh = schemeFor('github').sign({ body, secret: SECRET, timestamp: NOW });
  await saveCapture('github.json', [
    ['content-type', 'application/json'],
    ...gh.map(([k, v]): [string, string] => [k.toLowerCase(), v]),
  ]);
  await saveCapture(
    'binary.json',
    schemeFor('github').sign({ body: binary, secret: SECRET, timestamp: NOW }),
    binary,
  );
  await saveCapture(
    'stripe-old.json',
    schemeFor('stripe').sign({ body, secret: STRIPE, timestamp: NOW - 3600 }),
  );
  await saveCapture('svix.json', schemeFor('svix').sign({ body, secret: SVIX, timestamp: NOW, id: 'msg_2' }));
  await writeFile(join(dir, 'payload.json'), body);
  await writeFile(join(dir, 'broken-capture.json'), '{"$webhookCli":"capture/v1","id":"x"}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function verify(args: string[], env: Record<string, string> = {}) {
  return runCli(['verify', ...args], { cwd: dir, clock: new ManualClock(), env });
}

function expectNoSecret(result: { stdout: string; stderr: string }, ...secrets: string[]) {
  for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
}

describe('webhook-cli verify', () => {
  it('a capture file: checks its body bytes with its headers', async () => {
    const result = await verify(['github.json', '--scheme', 'github', '--secret', SECRET]);
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid github signature\n', stderr: '' });
    expectNoSecret(result, SECRET);
  });

  it('a capture with a non-UTF-8 body (stored as base64) verifies byte for byte', async () => {
    const result = await verify(['binary.json', '--scheme', 'github'], { WEBHOOK_SECRET: SECRET });
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid github signature\n' });
  });

  it('rotated secrets: says which one matched', async () => {
    const result = await verify([
      'github.json',
      '--scheme',
      'github',
      '--secret',
      OLD_SECRET,
      '--secret',
      SECRET,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid github signature (secret #2)\n' });
    const json = await verify([
      'github.json',
      '--scheme',
      'github',
      '--secret',
      OLD_SECRET,
      '--secret',
      SECRET,
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      scheme: 'github',
      reason: null,
      detail: null,
      secretIndex: 1,
    });
    expectNoSecret(json, SECRET, OLD_SECRET);
  });

  it('a wrong secret: exit 1 with the reason and detail', async () => {
    const result = await verify(['github.json', '--scheme', 'github', '--secret-env', 'GH'], {
      GH: OLD_SECRET,
    });
    expect(result).toMatchObject({
      code: 1,
      stdout: '✘ mismatch: X-Hub-Signature-256 does not match (wrong secret, or the body was changed)\n',
      stderr: '',
    });
    const json = await verify(['github.json', '--scheme', 'github', '--secret', OLD_SECRET, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      scheme: 'github',
      reason: 'mismatch',
      secretIndex: null,
    });
    expectNoSecret(json, OLD_SECRET);
  });

  it('an old Stripe capture: too old now, valid with --now or --tolerance', async () => {
    const stale = await verify(['stripe-old.json', '--scheme', 'stripe', '--secret', STRIPE]);
    expect(stale).toMatchObject({
      code: 1,
      stdout:
        '✘ timestamp-too-old: timestamp 1767222000 (2025-12-31T23:00:00Z) is 1h old, beyond the 5m tolerance\n',
      stderr: 'hint: to check a saved delivery, pass --now <unix time it arrived> or --tolerance 0\n',
    });
    for (const extra of [
      ['--now', String(NOW - 3590)],
      ['--tolerance', '2h'],
      ['--tolerance', '0'],
    ]) {
      const ok = await verify(['stripe-old.json', '--scheme', 'stripe', '--secret', STRIPE, ...extra]);
      expect(ok, extra.join(' ')).toMatchObject({ code: 0, stdout: '✔ valid stripe signature\n' });
    }
    expectNoSecret(stale, STRIPE);
  });

  it('svix alias on a Standard Webhooks capture', async () => {
    const result = await verify(['svix.json', '--scheme', 'svix', '--secret', SVIX]);
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid standard-webhooks signature\n' });
    const future = await verify([
      'svix.json',
      '--scheme',
      'svix',
      '--secret',
      SVIX,
      '--now',
      String(NOW - 600),
    ]);
    expect(future.stdout).toBe(
      '✘ timestamp-in-future: timestamp 1767225600 (2026-01-01T00:00:00Z) is 10m in the future, beyond the 5m tolerance\n',
    );
    expectNoSecret(future, SVIX.slice(6));
  });

  it('a raw payload file with -H headers', async () => {
    const [[name, value]] = schemeFor('github').sign({ body, secret: SECRET, timestamp: 0 }) as [
      [string, string],
    ];
    const result = await verify([
      'payload.json',
      '--scheme',
      'github',
      '--secret',
      SECRET,
      '-H',
      `${name}: ${value}`,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid github signature\n' });
    const missing = await verify(['payload.json', '--scheme', 'github', '--secret', SECRET]);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '✘ missing-header: X-Hub-Signature-256 header is missing\n',
      stderr: "hint: a raw payload file carries no headers: pass them with -H 'Name: value'\n",
    });
  });

  it('a raw payload from stdin with -H headers, checked as a Slack request', async () => {
    const headers = schemeFor('slack').sign({ body, secret: SECRET, timestamp: NOW - 10 });
    const result = await runCli(
      [
        'verify',
        '-',
        '--scheme',
        'slack',
        '--secret',
        SECRET,
        ...headers.flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      ],
      { stdin: body, clock: new ManualClock() },
    );
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid slack signature\n' });
  });

  it('-H overrides a header of a capture', async () => {
    const result = await verify([
      'github.json',
      '--scheme',
      'github',
      '--secret',
      SECRET,
      '-H',
      `X-Hub-Signature-256: sha256=${'0'.repeat(64)}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✘ mismatch: /);
  });

  it.each([
    [
      ['github.json', '--scheme', 'nope', '--secret', 'x'],
      "unknown signature scheme 'nope' ('webhook-cli providers' lists them all)",
    ],
    [
      ['github.json', '--scheme', 'github'],
      'no secret given (pass --secret, --secret-env NAME or set WEBHOOK_SECRET)',
    ],
    [
      ['nope.json', '--scheme', 'github', '--secret', 'x'],
      'nope.json: cannot read: no such file or directory',
    ],
    [
      ['broken-capture.json', '--scheme', 'github', '--secret', 'x'],
      'broken-capture.json: not a valid capture: "receivedAt" must be an ISO 8601 date-time (captures are written by `webhook-cli listen --save`; see docs/capture-format.md)',
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--now', 'yesterday'],
      "--now: 'yesterday' is not a whole number 0 or more",
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--tolerance', 'a while'],
      "--tolerance: 'a while' is not a duration (use a number with a unit: 250ms, 30s, 5m or 1h)",
    ],
    [
      ['github.json', '--scheme', 'hmac', '--secret', 'x', '--algorithm', 'sha3'],
      "--algorithm: 'sha3' is not supported (use sha1, sha256 or sha512)",
    ],
    [
      ['github.json', '--scheme', 'hmac', '--secret', 'x', '--timestamp-header', 'X:Ts'],
      "--timestamp-header: 'X:Ts' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--encoding', 'hex'],
      '--encoding applies only to the hmac scheme (the github scheme has fixed headers and algorithm)',
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '-H', 'X Bad: 1'],
      "--header: 'X Bad' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--public-key', 'k.pem'],
      '--public-key applies only to Ed25519, ECDSA and RSA schemes (the github scheme signs with a shared secret)',
    ],
    [
      ['github.json', '--scheme', 'auto', '--secret', 'x', '--public-key', 'nope.pem'],
      '--public-key: nope.pem: cannot read: no such file or directory',
    ],
    [
      ['github.json', '--scheme', 'auto', '--secret', 'x', '--url', 'example.com/hook'],
      "--url: 'example.com/hook' is not an http(s) URL (the exact URL the provider called, e.g. https://example.com/webhooks)",
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--param', 'a=b'],
      '--param: the github scheme signs no parameters',
    ],
    [
      ['github.json', '--scheme', 'github', '--secret', 'x', '--url', 'https://example.com/hook'],
      '--url: the github scheme does not sign the URL (leave it out)',
    ],
  ])('%j → exit 2: %s', async (args, message) => {
    const result = await verify(args);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `webhook-cli: ${message}\n` });
  });

  it('--secret-env naming an unset variable is a usage error that names the variable only', async () => {
    const result = await verify(['github.json', '--scheme', 'github', '--secret-env', 'MISSING_VAR']);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'webhook-cli: --secret-env: the environment variable MISSING_VAR is not set (export MISSING_VAR=... first)\n',
    });
  });

  it('generic hmac with all its flags, end to end through sign and verify', async () => {
    const flags = [
      '--scheme',
      'hmac',
      '--algorithm',
      'sha512',
      '--encoding',
      'base64',
      '--signature-header',
      'X-Sig',
      '--prefix',
      'sha512=',
      '--timestamp-header',
      'X-Ts',
    ];
    const signed = await runCli(['sign', 'payload.json', ...flags, '--secret', SECRET], {
      cwd: dir,
      clock: new ManualClock(),
    });
    expect(signed.code).toBe(0);
    const headers = signed.stdout
      .trimEnd()
      .split('\n')
      .flatMap((line) => ['-H', line]);
    expect(headers[1]).toBe(`X-Ts: ${NOW}`);
    const result = await verify(['payload.json', ...flags, '--secret', SECRET, ...headers]);
    expect(result).toMatchObject({ code: 0, stdout: '✔ valid hmac signature\n' });
    expectNoSecret(signed, SECRET);
    expectNoSecret(result, SECRET);
  });

  it('--help shows examples and exit codes', async () => {
    const result = await runCli(['verify', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: webhook-cli verify [options] <file>');
    expect(result.stdout).toContain('--tolerance <duration>');
    expect(result.stdout).toContain('Exit codes: 0 valid, 1 invalid signature, 2 usage or input error.');
  });
});
