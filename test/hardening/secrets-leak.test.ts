import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HeaderList } from '../../src/options/headers.js';
import { startHttpTarget } from '../helpers/http-target.js';
import { type CliResult, runCli } from '../helpers/run-cli.js';
import { schemeFor } from '../helpers/signing.js';
import { ManualClock, type TestDepsOptions } from '../helpers/test-deps.js';
import { sendRaw, startListen } from '../listen/listen-helpers.js';

// Every command, run through main() with a distinctive secret given by --secret and by
// WEBHOOK_SECRET, in passing and failing runs: the secret, and its base64 and hex spellings (and
// for a whsec_ secret the base64 key after the prefix, and that key in hex), must appear nowhere:
// not on stdout or stderr, not in --json output, reports, saved captures or --failed files, and not
// in what is sent over the wire.

const PLAIN = `pLaIn-${randomBytes(12).toString('hex')}`;
const KEY = randomBytes(24);
const WHSEC = `whsec_${KEY.toString('base64')}`;

const FORBIDDEN: Array<[string, string]> = [
  ['the secret', PLAIN],
  ['the secret in base64', Buffer.from(PLAIN).toString('base64')],
  ['the secret in hex', Buffer.from(PLAIN).toString('hex')],
  ['the whsec_ secret', WHSEC],
  ['the whsec_ key (base64 after the prefix)', KEY.toString('base64')],
  ['the whsec_ key in hex', KEY.toString('hex')],
  ['the whsec_ secret in base64', Buffer.from(WHSEC).toString('base64')],
  ['the whsec_ secret in hex', Buffer.from(WHSEC).toString('hex')],
];

type SchemeCase = { scheme: string; secret: string; extra?: string[] };
const SCHEMES: SchemeCase[] = [
  { scheme: 'github', secret: PLAIN },
  // Stripe keys HMAC with the whole whsec_ string, as given.
  { scheme: 'stripe', secret: WHSEC },
  { scheme: 'standard-webhooks', secret: WHSEC },
  { scheme: 'shopify', secret: PLAIN },
  { scheme: 'slack', secret: PLAIN },
  {
    scheme: 'hmac',
    secret: PLAIN,
    extra: ['--algorithm', 'sha512', '--encoding', 'base64', '--prefix', 'v1=', '--timestamp-header', 'X-Ts'],
  },
];
const HMAC_OPTIONS = {
  algorithm: 'sha512',
  encoding: 'base64',
  prefix: 'v1=',
  timestampHeader: 'X-Ts',
} as const;

/** How the secret reaches the command: a flag, the `=` form of the flag, or the environment. */
const MODES = ['--secret S', '--secret=S', 'WEBHOOK_SECRET', '--secret-env NAME'] as const;
type Mode = (typeof MODES)[number];

function secretArgs(mode: Mode, secret: string): { args: string[]; env: Record<string, string> } {
  if (mode === '--secret S') return { args: ['--secret', secret], env: {} };
  if (mode === '--secret=S') return { args: [`--secret=${secret}`], env: {} };
  if (mode === '--secret-env NAME') return { args: ['--secret-env', 'HOOK_KEY'], env: { HOOK_KEY: secret } };
  return { args: [], env: { WEBHOOK_SECRET: secret } };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-leak-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Every file under `dir`, with its contents (captures, --failed files, reports). */
function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push([path, readFileSync(path, 'latin1')]);
  }
  return out;
}

function expectNoSecret(where: string, text: string): void {
  for (const [form, value] of FORBIDDEN) {
    if (text.includes(value)) expect.fail(`${where} contains ${form}:\n${text.slice(0, 2000)}`);
  }
}

/** Runs main() and checks stdout, stderr and every file left in the working directory. */
async function run(argv: string[], options: TestDepsOptions & { cwd: string }): Promise<CliResult> {
  const result = await runCli(argv, options);
  const label = `webhook-cli ${argv.join(' ')}`;
  expectNoSecret(`stdout of ${label}`, result.stdout);
  expectNoSecret(`stderr of ${label}`, result.stderr);
  for (const [path, content] of filesUnder(options.cwd)) expectNoSecret(`${path} after ${label}`, content);
  return result;
}

const BODY = '{"type":"invoice.paid","event":"invoice.paid","data":{"id":"in_1"}}';
const now = () => Math.floor(Date.now() / 1000);

function signed(scheme: string, secret: string, body = BODY, timestamp = now()): HeaderList {
  return schemeFor(scheme).sign({
    body: Buffer.from(body),
    secret,
    timestamp,
    id: 'msg_1',
    hmac: scheme === 'hmac' ? HMAC_OPTIONS : undefined,
  });
}

const headerFlags = (headers: HeaderList) => headers.flatMap(([name, value]) => ['-H', `${name}: ${value}`]);

describe.each(MODES)('secrets never leak (secret by %s)', (mode) => {
  describe.each(SCHEMES)('$scheme', ({ scheme, secret, extra = [] }) => {
    const given = secretArgs(mode, secret);

    it('sign: headers, --json, --curl, and failing runs', async () => {
      const cwd = workDir({ 'p.json': BODY });
      const id = scheme === 'standard-webhooks' ? ['--id', 'msg_1'] : [];
      const base = ['sign', 'p.json', '--scheme', scheme, ...given.args, ...extra, ...id];
      const ok = await run([...base, '--timestamp', '1767261600'], { cwd, env: given.env });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(signed(scheme, secret, BODY, 1767261600).at(-1)![1]);
      expect((await run([...base, '--json', '--debug'], { cwd, env: given.env })).code).toBe(0);
      // A curl command carries the computed signature header, never the secret.
      const curl = await run([...base, '--curl', 'http://127.0.0.1:9/hook', '--timestamp', '1767261600'], {
        cwd,
        env: given.env,
      });
      expect(curl.stdout).toContain(`'${signed(scheme, secret, BODY, 1767261600).at(-1)![0]}: `);
      for (const bad of [
        ['--timestamp', 'soon'],
        ['--bogus'],
        ['--header', 'no colon'],
        ['--curl', 'ftp://x'],
        ...(scheme === 'standard-webhooks' ? [['--id', 'a.b']] : [['--algorithm', 'md5']]),
      ]) {
        const failed = await run([...base, ...bad, '--debug'], { cwd, env: given.env });
        expect(failed.code).toBe(2);
      }
      expect(
        (
          await run(['sign', 'missing.json', '--scheme', scheme, ...given.args, ...extra], {
            cwd,
            env: given.env,
          })
        ).code,
      ).toBe(2);
    });

    it('verify: valid, mismatch, malformed, stale, with --json and --debug', async () => {
      const cwd = workDir({ 'p.json': BODY, 'tampered.json': BODY.replace('in_1', 'in_2') });
      const headers = headerFlags(signed(scheme, secret));
      const base = ['verify', '--scheme', scheme, ...given.args, ...extra];
      for (const json of [[], ['--json']]) {
        const good = await run([...base, 'p.json', ...headers, ...json], { cwd, env: given.env });
        expect(good.code).toBe(0);
        const bad = await run([...base, 'tampered.json', ...headers, ...json, '--debug'], {
          cwd,
          env: given.env,
        });
        expect(bad.code).toBe(1);
        expect(bad.stdout + bad.stderr).toMatch(/mismatch/);
        const missing = await run([...base, 'p.json', ...json], { cwd, env: given.env });
        expect(missing.code).toBe(1);
      }
      const old = headerFlags(signed(scheme, secret, BODY, now() - 3600));
      const stale = await run([...base, 'p.json', ...old, '--json'], { cwd, env: given.env });
      expect(stale.code).toBe(['github', 'shopify'].includes(scheme) ? 0 : 1);
      const usage = await run([...base, 'p.json', '--tolerance', 'forever'], { cwd, env: given.env });
      expect(usage.code).toBe(2);
    });

    it('send: delivered, failed with --failed, unreachable, --dry-run --curl, --json, --verbose', async () => {
      const cwd = workDir({ 'a.json': BODY, 'b.json': BODY.replace('in_1', 'in_2') });
      const target = await startHttpTarget((request) => ({
        status: request.body.includes('in_2') ? 500 : 200,
      }));
      try {
        const base = [
          'send',
          '--sign',
          scheme,
          ...given.args,
          ...extra,
          '--retries',
          '1',
          '--failed',
          'failed.jsonl',
        ];
        const clock = new ManualClock(Date.now());
        const sent = await run(
          [...base, 'a.json', 'b.json', '--to', target.url, '--json', '--verbose', '--debug'],
          {
            cwd,
            env: given.env,
            clock,
          },
        );
        expect(sent.code).toBe(1);
        expect(
          sent.stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line).outcome),
        ).toEqual(['delivered', 'failed']);
        expect(readFileSync(join(cwd, 'failed.jsonl'), 'utf8')).toContain('b.json');
        // The secret is not sent either: only the signature made with it.
        expect(target.requests).toHaveLength(3);
        for (const request of target.requests) {
          expectNoSecret(
            'a request the target received',
            JSON.stringify(request.rawHeaders) + request.body.toString('latin1'),
          );
        }
        // Unreachable: nothing listens on the port of a closed target.
        const closed = await startHttpTarget();
        await closed.close();
        const unreachable = await run([...base, 'a.json', '--to', closed.url, '--json', '--verbose'], {
          cwd,
          env: given.env,
          clock,
        });
        expect(unreachable.code).toBe(1);
        const dry = await run([...base, 'a.json', '--to', target.url, '--dry-run', '--curl'], {
          cwd,
          env: given.env,
          clock,
        });
        expect(dry.code).toBe(0);
        const [name] = signed(scheme, secret).at(-1)!;
        expect(dry.stdout).toMatch(new RegExp(`-H '${name}: [^']+'`));
        const usage = await run([...base, 'a.json', '--to', 'ftp://nowhere', '--debug'], {
          cwd,
          env: given.env,
        });
        expect(usage.code).toBe(2);
      } finally {
        await target.close();
      }
    });
  });

  describe.each(SCHEMES.filter(({ scheme }) => ['github', 'stripe', 'standard-webhooks'].includes(scheme)))(
    'listen --verify $scheme',
    ({ scheme, secret }) => {
      const given = secretArgs(mode, secret);

      it('a good and a bad delivery with --save, --json, and -v', async () => {
        const cwd = workDir();
        for (const output of [['--json'], ['-v']]) {
          const listener = await startListen(
            [
              '--verify',
              scheme,
              ...given.args,
              '--save',
              'captures',
              '--max-events',
              '2',
              '--debug',
              ...output,
            ],
            { cwd, env: given.env },
          );
          const headers = signed(scheme, secret);
          const flat = (list: HeaderList) => [['Content-Type', 'application/json'], ...list].flat();
          const good = await sendRaw(`${listener.url}/hook`, 'POST', flat(headers), BODY);
          const bad = await sendRaw(
            `${listener.url}/hook`,
            'POST',
            flat(headers),
            BODY.replace('in_1', 'in_2'),
          );
          expect([good.status, bad.status]).toEqual([200, 200]);
          const result = await listener.done;
          expect(result.code).toBe(1);
          const label = `listen --verify ${scheme} ${output.join(' ')}`;
          expect(result.stdout + result.stderr).toMatch(/mismatch/);
          if (output[0] === '--json') {
            const lines = result.stdout
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line));
            expect(lines.map((line) => [line.signature.ok, line.signature.reason])).toEqual([
              [true, null],
              [false, 'mismatch'],
            ]);
          }
          expectNoSecret(`stdout of ${label}`, result.stdout);
          expectNoSecret(`stderr of ${label}`, result.stderr);
        }
        const saved = filesUnder(cwd);
        expect(saved).toHaveLength(4);
        for (const [path, content] of saved) expectNoSecret(path, content);
      });
    },
  );

  it('listen: failing starts', async () => {
    const cwd = workDir();
    const { args, env } = secretArgs(mode, PLAIN);
    const cases = [
      ['listen', '-p', '0', '--verify', 'githb', ...args],
      ['listen', '-p', '0', '--verify', 'github', ...args, '--tolerance', 'forever', '--debug'],
      ['listen', '-p', '0', '--verify', 'standard-webhooks', ...args],
      ['listen', '-p', '0', '--verify', 'github', ...args, '--forward-to', 'ftp://x'],
      ...(mode === 'WEBHOOK_SECRET' ? [] : [['listen', '-p', '0', ...args]]),
    ];
    for (const argv of cases) {
      const result = await run(argv, { cwd, env });
      expect(result.code).toBe(2);
    }
  });

  it('validate and schemas: verbose, debug, reports and failing runs', async () => {
    const cwd = workDir({
      'schemas/invoice.paid.schema.json': JSON.stringify({ required: ['id'] }),
      'ok.json': JSON.stringify({ type: 'invoice.paid', id: 1 }),
      'bad.json': JSON.stringify({ type: 'invoice.paid' }),
      'broken.json': '{"type": ',
    });
    const env = { WEBHOOK_SECRET: PLAIN };
    // WEBHOOK_SECRET is set in every run here; validate and schemas have no --secret, so giving
    // one is a usage error that must not echo it (the `--secret=S` form: see the known leak below).
    const extra = mode === '--secret S' ? secretArgs(mode, PLAIN).args : [];
    const expected = extra.length > 0 ? 2 : undefined;
    for (const format of ['text', 'json', 'junit', 'sarif', 'github']) {
      const result = await run(
        [
          'validate',
          '.',
          '--schema',
          'schemas',
          '--format',
          format,
          '--verbose',
          '--debug',
          '-o',
          `report.${format}`,
          ...extra,
        ],
        { cwd, env },
      );
      expect(result.code).toBe(expected ?? 2);
    }
    expect(
      (await run(['validate', 'nope.json', '--schema', 'nowhere/', '--debug', ...extra], { cwd, env })).code,
    ).toBe(2);
    const listed = await run(['schemas', '--json', ...extra], { cwd, env });
    expect(listed.code).toBe(expected ?? 0);
    expect((await run(['schemas', 'show', 'stripe', '--debug', ...extra], { cwd, env })).code).toBe(
      expected ?? 0,
    );
    expect((await run(['schemas', 'show', 'nope', ...extra], { cwd, env })).code).toBe(2);
  });
});

// Commander reports an unknown option as typed, so `--name=value` would put the value on stderr:
// `--secret=S` on commands without --secret (validate, schemas, the program itself) and misspelt
// flags (`--secrt=S`). src/main.ts drops the value from "unknown option" messages.
describe('a secret given to a command that has no --secret, or by a misspelt flag', () => {
  it.each([
    ['validate', 'p.json', '--schema', 'generic', `--secret=${PLAIN}`],
    ['schemas', `--secret=${PLAIN}`],
    [`--secret=${PLAIN}`, 'schemas'],
    ['sign', 'p.json', '--scheme', 'github', `--secrt=${PLAIN}`],
    ['verify', 'p.json', '--scheme', 'github', `--secrets=${PLAIN}`],
  ])('%s %s ... names the option without its value', async (...argv) => {
    const cwd = workDir({ 'p.json': BODY });
    const result = await run(argv, { cwd });
    expect(result.stderr).toMatch(/^webhook-cli: unknown option '--secr[a-z]*=…'/);
    expect(result.code).toBe(2);
  });

  it('the flag and its value as two arguments are not echoed', async () => {
    const cwd = workDir({ 'p.json': BODY });
    for (const argv of [
      ['validate', 'p.json', '--schema', 'generic', '--secret', PLAIN],
      ['schemas', '--secret', PLAIN],
      ['sign', 'p.json', '--scheme', 'github', '--secrt', PLAIN],
    ]) {
      const result = await run(argv, { cwd });
      expect(result.stderr).toMatch(/^webhook-cli: unknown option '--secre?t'/);
      expect(result.code).toBe(2);
    }
  });
});

describe('the secret is really used (so the checks above are not vacuous)', () => {
  it('sign prints the HMAC of the body made with it', async () => {
    const cwd = workDir({ 'p.json': BODY });
    const result = await runCli(['sign', 'p.json', '--scheme', 'github', '--secret', PLAIN], { cwd });
    const expected = createHmac('sha256', PLAIN).update(BODY).digest('hex');
    expect(result.stdout).toBe(`X-Hub-Signature-256: sha256=${expected}\n`);
  });
});
