import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { schemeFor } from '../helpers/signing.js';
import { ManualClock } from '../helpers/test-deps.js';

const SECRET = 'It is a Secret to Everybody';
const SVIX = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z, the ManualClock's start
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sign-cmd-'));
  await writeFile(join(dir, 'payload.json'), '{"zen":"Keep it logically awesome."}\n');
  await writeFile(join(dir, 'hello.txt'), 'Hello, World!');
  await writeFile(join(dir, 'binary.bin'), Buffer.from([0xff, 0x00, 0xfe, 0x27]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function sign(args: string[], options: { env?: Record<string, string>; stdin?: string | Buffer } = {}) {
  return runCli(['sign', ...args], { cwd: dir, clock: new ManualClock(), ...options });
}

/** The `-H '...'` values of a printed curl command, unquoted. */
function curlHeaders(command: string): Array<[string, string]> {
  return [...command.matchAll(/-H '((?:[^']|'\\'')*)'/g)].map((match) => {
    const text = (match[1] as string).replaceAll(`'\\''`, "'");
    const colon = text.indexOf(': ');
    return [text.slice(0, colon), text.slice(colon + 2)];
  });
}

describe('webhook-cli sign', () => {
  it("prints GitHub's docs vector as a header line", async () => {
    const result = await sign(['hello.txt', '--scheme', 'github', '--secret', "It's a Secret to Everybody"]);
    expect(result).toMatchObject({
      code: 0,
      stdout:
        'X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n',
      stderr: '',
    });
  });

  it('prints the Standard Webhooks vector with --id, --timestamp and --json, from stdin', async () => {
    const result = await sign(
      [
        '-',
        '--scheme',
        'svix',
        '--id',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        '--timestamp',
        '1614265330',
        '--json',
      ],
      { env: { WEBHOOK_SECRET: SVIX }, stdin: '{"test": 2432232314}' },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    expect(result.stdout).not.toContain(SVIX.slice(6));
  });

  it('uses the clock for the timestamp and generates an id', async () => {
    const result = await sign(['payload.json', '--scheme', 'standard-webhooks', '--secret', SVIX]);
    expect(result.stdout).toMatch(
      new RegExp(
        `^webhook-id: msg_[0-9A-Za-z]{24}\nwebhook-timestamp: ${NOW}\nwebhook-signature: v1,[A-Za-z0-9+/]{43}=\n$`,
      ),
    );
  });

  it('signs with the first secret, says so on stderr, and adds -H headers and the id header', async () => {
    const result = await sign([
      'payload.json',
      '--scheme',
      'github',
      '--secret',
      SECRET,
      '--secret',
      'second-secret',
      '--id',
      '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      '-H',
      'X-GitHub-Event: push',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('signing with the first of 2 secrets\n');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('X-GitHub-Event: push');
    expect(lines[1]).toBe('X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958');
    const headers = lines.map((line): [string, string] => line.split(': ') as [string, string]);
    const body = Buffer.from('{"zen":"Keep it logically awesome."}\n');
    expect(schemeFor('github').verify({ body, headers, secrets: [SECRET], now: 0 }).ok).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it.each([
    ['github', SECRET],
    ['stripe', 'whsec_stripe_test_secret'],
    ['svix', SVIX],
    ['shopify', SECRET],
    ['slack', SECRET],
    ['hmac', SECRET],
  ])('--curl for %s: the printed headers verify with our verify', async (scheme, secret) => {
    const result = await sign(['payload.json', '--scheme', scheme, '--curl', 'http://localhost:3000/hook'], {
      env: { WEBHOOK_SECRET: secret },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^curl -X 'POST' 'http:\/\/localhost:3000\/hook' \\\n/);
    expect(result.stdout).toMatch(/--data-binary '@payload\.json'\n$/);
    const headers = curlHeaders(result.stdout);
    expect(headers[0]).toEqual(['Content-Type', 'application/json']);
    const body = Buffer.from('{"zen":"Keep it logically awesome."}\n');
    expect(schemeFor(scheme).verify({ body, headers, secrets: [secret], now: NOW })).toMatchObject({
      ok: true,
    });
    expect(result.stdout).not.toContain(secret);
  });

  it('--curl with stdin puts non-UTF-8 bytes through printf, and they verify', async () => {
    const body = Buffer.from([0x7b, 0xff, 0x00, 0x27, 0x7d]);
    const result = await sign(
      ['-', '--scheme', 'shopify', '--secret', SECRET, '--curl', 'https://example.test/x'],
      {
        stdin: body,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^printf '\{\\377\\000'\\''\}' \|\n {2}curl -X 'POST' 'https:\/\/example.test\/x'/,
    );
    const headers = curlHeaders(result.stdout.slice(result.stdout.indexOf('curl')));
    expect(schemeFor('shopify').verify({ body, headers, secrets: [SECRET], now: NOW }).ok).toBe(true);
  });

  it.each([
    [
      ['payload.json', '--scheme', 'nope', '--secret', 'x'],
      "webhook-cli: unknown signature scheme 'nope' ('webhook-cli providers' lists them all)",
    ],
    [
      ['payload.json', '--scheme', 'github'],
      'webhook-cli: no secret given (pass --secret, --secret-env NAME or set WEBHOOK_SECRET)',
    ],
    [
      ['missing.json', '--scheme', 'github', '--secret', 'x'],
      'webhook-cli: missing.json: cannot read: no such file or directory',
    ],
    [['.', '--scheme', 'github', '--secret', 'x'], 'webhook-cli: .: cannot read: is a directory'],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '--timestamp', 'now'],
      "webhook-cli: --timestamp: 'now' is not a whole number 0 or more",
    ],
    [
      ['payload.json', '--scheme', 'hmac', '--secret', 'x', '--algorithm', 'md5'],
      "webhook-cli: --algorithm: 'md5' is not supported (use sha1, sha256 or sha512)",
    ],
    [
      ['payload.json', '--scheme', 'hmac', '--secret', 'x', '--encoding', 'base32'],
      "webhook-cli: --encoding: 'base32' is not supported (use hex or base64)",
    ],
    [
      ['payload.json', '--scheme', 'stripe', '--secret', 'x', '--prefix', 'v1='],
      'webhook-cli: --prefix applies only to the hmac scheme (the stripe scheme has fixed headers and algorithm)',
    ],
    [
      ['payload.json', '--scheme', 'svix', '--secret', 'not base64!'],
      'webhook-cli: the secret is not a Standard Webhooks secret: the part after whsec_ must be base64 (use the signing secret exactly as the provider shows it, e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw)',
    ],
    [
      ['payload.json', '--scheme', 'svix', '--secret', SVIX, '--id', 'a.b'],
      'webhook-cli: the webhook id "a.b" cannot be signed (Standard Webhooks ids must be non-empty and must not contain ".")',
    ],
    [
      ['payload.json', '--scheme', 'stripe', '--secret', 'x', '--id', 'evt_1'],
      'webhook-cli: --id: the stripe scheme has no delivery id header (add one yourself with -H if your receiver needs it)',
    ],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '--curl', 'localhost:3000'],
      "webhook-cli: --curl: 'localhost:3000' is not an http(s) URL (e.g. --curl http://localhost:3000/webhook)",
    ],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '--curl', 'http://h/', '--json'],
      'webhook-cli: --json and --curl cannot be used together (pick one output)',
    ],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '-H', 'nocolon'],
      "webhook-cli: --header: 'nocolon' is not a header (write it as 'Name: value')",
    ],
    [
      ['payload.json', '--scheme', 'auto', '--secret', 'x'],
      "webhook-cli: 'auto' only verifies: name the provider to sign as (e.g. --scheme github)",
    ],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '--private-key', 'k.pem'],
      'webhook-cli: --private-key applies only to Ed25519, ECDSA and RSA schemes (the github scheme signs with a shared secret)',
    ],
    [
      ['payload.json', '--scheme', 'github', '--secret', 'x', '--url', 'https://x/'],
      'webhook-cli: --url: the github scheme does not sign the URL (leave it out)',
    ],
    [
      ['payload.json', '--secret', 'x'],
      "webhook-cli: required option '--scheme <id>' not specified (see webhook-cli --help)",
    ],
  ])('%j → exit 2: %s', async (args, message) => {
    const result = await sign(args);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(result.stderr).not.toContain('not base64!');
  });

  it('--help shows the examples', async () => {
    const result = await runCli(['sign', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: webhook-cli sign [options] <payload>');
    expect(result.stdout).toContain('$ webhook-cli sign payload.json --scheme github --secret-env GH_SECRET');
  });
});
