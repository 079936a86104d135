import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verify as verifyGithub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { validateRequest as validateTwilio } from 'twilio/lib/webhooks/webhooks.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpTarget, type RecordedRequest, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';
import { ManualClock } from '../helpers/test-deps.js';

// `webhook-cli trigger` end to end through main(): real targets on port 0 that check the
// signature with the provider's own library.
const stripe = new Stripe('sk_test_unused');
const STRIPE_SECRET = 'whsec_test_trigger_0123456789';
const GITHUB_SECRET = 'It5-a-s3cret-y0u-ch0se';
const tree = tempTree('trigger-');
const targets: HttpTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function target(...args: Parameters<typeof startHttpTarget>): Promise<HttpTarget> {
  const started = await startHttpTarget(...args);
  targets.push(started);
  return started;
}

/** Stripe's own check, as an app would make it: 200 with the event type, else 400. */
function stripeReceiver(request: RecordedRequest) {
  try {
    const event = stripe.webhooks.constructEvent(
      request.body,
      String(request.headers['stripe-signature']),
      STRIPE_SECRET,
    );
    return { status: 200, body: event.type };
  } catch (error) {
    return { status: 400, body: (error as Error).message };
  }
}

function header(request: RecordedRequest, name: string): string | undefined {
  return request.rawHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

describe('trigger github', () => {
  it('sends pull_request.opened as GitHub does, signed so that @octokit/webhooks-methods verifies it', async () => {
    const github = await target();
    const result = await runCli([
      'trigger',
      'github',
      'pull_request.opened',
      '--to',
      `${github.url}/webhook`,
      '--secret',
      GITHUB_SECRET,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✔ github pull_request\.opened → 200 OK {2}\d+ms {2}\(attempt 1\/6\)\n$/);
    expect(result.stderr).toMatch(/^delivered 1 of 1 {2}· {2}1 attempt in /);
    const [request] = github.requests as [RecordedRequest];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/webhook');
    expect(
      await verifyGithub(
        GITHUB_SECRET,
        request.body.toString('utf8'),
        String(header(request, 'X-Hub-Signature-256')),
      ),
    ).toBe(true);
    expect(header(request, 'X-GitHub-Event')).toBe('pull_request');
    expect(header(request, 'Content-Type')).toBe('application/json');
    expect(header(request, 'User-Agent')).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(header(request, 'X-GitHub-Delivery')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(header(request, 'X-GitHub-Hook-ID')).toMatch(/^[1-9]\d{8}$/);
    expect(header(request, 'X-GitHub-Hook-Installation-Target-Type')).toBe('repository');
    const body = JSON.parse(request.body.toString('utf8'));
    expect(body.action).toBe('opened');
    expect(body.pull_request).toBeTypeOf('object');
  });

  it('gives every run a fresh delivery id, and --seed the same ids and body on every run', async () => {
    const github = await target();
    const run = (...extra: string[]) =>
      runCli(['trigger', 'github', 'issues.opened', '--to', github.url, '--secret', GITHUB_SECRET, ...extra]);
    await run();
    await run();
    await run('--seed', '7');
    await run('--seed', '7');
    await run('--seed', '8');
    const ids = github.requests.map((request) => header(request, 'X-GitHub-Delivery'));
    expect(new Set(ids).size).toBe(4);
    expect(ids[2]).toBe(ids[3]);
    const [, , seeded, again, other] = github.requests as RecordedRequest[];
    expect(again!.rawHeaders.filter(([name]) => name !== 'host')).toEqual(
      seeded!.rawHeaders.filter(([name]) => name !== 'host'),
    );
    expect(again!.body.equals(seeded!.body)).toBe(true);
    expect(header(other!, 'X-GitHub-Hook-ID')).not.toBe(header(seeded!, 'X-GitHub-Hook-ID'));
  });
});

describe('trigger stripe', () => {
  it('sends invoice.paid that stripe.webhooks.constructEvent accepts, with --set and -H applied before signing', async () => {
    const receiver = await target(stripeReceiver);
    const result = await runCli(
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        receiver.url,
        '--set',
        'data.object.amount_paid=5000',
        '--set',
        '/data/object/metadata/order_id="A-17"',
        '--set',
        'livemode=true',
        '-H',
        'User-Agent: my-test',
        '-H',
        'X-Extra: 1',
      ],
      { env: { WEBHOOK_SECRET: STRIPE_SECRET } },
    );
    expect(result.stderr).toMatch(/^delivered 1 of 1/);
    expect(result.code).toBe(0);
    const [request] = receiver.requests as [RecordedRequest];
    const event = JSON.parse(request.body.toString('utf8'));
    expect(event).toMatchObject({ object: 'event', type: 'invoice.paid', livemode: true });
    expect(event.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
    expect(event.data.object.amount_paid).toBe(5000);
    expect(event.data.object.metadata).toEqual({ order_id: 'A-17' });
    expect(header(request, 'User-Agent')).toBe('my-test');
    expect(header(request, 'X-Extra')).toBe('1');
    expect(header(request, 'Content-Type')).toBe('application/json; charset=utf-8');
  });

  it('retries through send’s engine, signing each attempt afresh, and reports it with --json', async () => {
    const clock = new ManualClock(Date.now());
    const receiver = await target((request, index) =>
      index === 0 ? { status: 503 } : stripeReceiver(request),
    );
    const result = await runCli(
      [
        'trigger',
        'stripe',
        'payment_intent.succeeded',
        '--to',
        receiver.url,
        '--secret',
        STRIPE_SECRET,
        '--json',
        '--min-delay',
        '2s',
      ],
      { clock },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      input: 'stripe payment_intent.succeeded',
      ok: true,
      outcome: 'delivered',
      status: 200,
    });
    expect(report.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([503, 200]);
    const [first, second] = receiver.requests as [RecordedRequest, RecordedRequest];
    expect(second.body.equals(first.body)).toBe(true);
    const t = (request: RecordedRequest) => /t=(\d+)/.exec(String(header(request, 'Stripe-Signature')))?.[1];
    expect(Number(t(second)) - Number(t(first))).toBe(clock.sleeps[0]! / 1000);
    expect(second.body.toString('utf8')).toContain('"type":"payment_intent.succeeded"');
  });

  it('exits 1 when the target never accepts it', async () => {
    const receiver = await target([{ status: 500, body: 'boom' }]);
    const result = await runCli(
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        receiver.url,
        '--secret',
        STRIPE_SECRET,
        '--retries',
        '1',
      ],
      { clock: new ManualClock(Date.now()) },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✘ stripe invoice\.paid → 500 Internal Server Error/);
    expect(receiver.requests).toHaveLength(2);
  });

  it('--body sends the user’s own bytes with the event’s headers and signature', async () => {
    const receiver = await target(stripeReceiver);
    const body = '{"id":"evt_mine","object":"event","type":"invoice.paid" ,"data":{"object":{}}}';
    const cwd = tree({ 'mine.json': body });
    const result = await runCli(
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        receiver.url,
        '--secret',
        STRIPE_SECRET,
        '--body',
        'mine.json',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(receiver.requests[0]!.body.toString('utf8')).toBe(body);
  });
});

describe('trigger --save', () => {
  it('writes a capture (0600) that verify and validate accept, without sending', async () => {
    const cwd = tree({});
    const saved = await runCli(
      ['trigger', 'stripe', 'checkout.session.completed', '--save', 'captures', '--secret', STRIPE_SECRET],
      { cwd },
    );
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('');
    const path = /^saved (.+\.json)\n$/.exec(saved.stderr)?.[1] as string;
    expect(path.startsWith(join(cwd, 'captures'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const capture = JSON.parse(readFileSync(path, 'utf8'));
    expect(capture).toMatchObject({ $webhookCli: 'capture/v1', method: 'POST', path: '/' });
    const verified = await runCli(['verify', path, '--scheme', 'stripe', '--secret', STRIPE_SECRET], { cwd });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const validated = await runCli(['validate', path, '--schema', 'stripe'], { cwd });
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('1 file: 1 valid, 0 invalid, 0 errors');
    // send replays it as saved, signature included: Stripe's library accepts it.
    const receiver = await target(stripeReceiver);
    const sent = await runCli(['send', path, '--to', receiver.url], { cwd });
    expect(sent.code).toBe(0);
    expect(receiver.requests[0]!.body.equals(Buffer.from(capture.body.data, capture.body.encoding))).toBe(
      true,
    );
  });

  it('with --json and no --to, prints one object naming the capture', async () => {
    const cwd = tree({});
    const saved = await runCli(
      ['trigger', 'stripe', 'invoice.paid', '--save', 'captures', '--json', '--secret', STRIPE_SECRET],
      { cwd },
    );
    expect(saved.code).toBe(0);
    const path = /^saved (.+\.json)\n$/.exec(saved.stderr)?.[1] as string;
    expect(JSON.parse(saved.stdout)).toEqual({
      input: 'stripe invoice.paid',
      provider: 'stripe',
      event: 'invoice.paid',
      savedTo: path,
    });
  });

  it('saves and sends with --to; a GitHub capture validates against --schema github by its headers', async () => {
    const github = await target();
    const cwd = tree({});
    const result = await runCli(
      [
        'trigger',
        'github',
        'push',
        '--to',
        `${github.url}/hooks?x=1`,
        '--save',
        'out',
        '--secret',
        GITHUB_SECRET,
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(github.requests).toHaveLength(1);
    const path = /^saved (.+\.json)\n/.exec(result.stderr)?.[1] as string;
    const capture = JSON.parse(readFileSync(path, 'utf8'));
    expect(capture.path).toBe('/hooks?x=1');
    const validated = await runCli(['validate', path, '--schema', 'github'], { cwd });
    expect(validated.stdout).toContain('1 file: 1 valid, 0 invalid, 0 errors');
    const verified = await runCli(['verify', path, '--scheme', 'github', '--secret', GITHUB_SECRET], { cwd });
    expect(verified.code).toBe(0);
  });
});

describe('trigger --dry-run', () => {
  it('prints the signed request and sends nothing; --curl prints a curl command', async () => {
    const github = await target();
    const dry = await runCli([
      'trigger',
      'stripe',
      'invoice.paid',
      '--to',
      github.url,
      '--secret',
      STRIPE_SECRET,
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(
        `^POST ${github.url}/ {2}\\(stripe invoice\\.paid\\)\\n {2}Content-Type: application/json; charset=utf-8\\n {2}User-Agent: Stripe/1\\.0 \\(\\+https://stripe\\.com/docs/webhooks\\)\\n {2}Stripe-Signature: t=\\d+,v1=[0-9a-f]{64}\\n {2}body: [\\d.]+ KB\\n$`,
      ),
    );
    expect(dry.stderr).toBe('dry run: 1 request not sent\n');
    const curl = await runCli([
      'trigger',
      'stripe',
      'invoice.paid',
      '--to',
      github.url,
      '--secret',
      STRIPE_SECRET,
      '--dry-run',
      '--curl',
    ]);
    expect(curl.stdout).toMatch(
      /^curl -X 'POST' 'http:\/\/127\.0\.0\.1:\d+\/' \\\n {2}-H 'Content-Type: application\/json; charset=utf-8' \\\n/,
    );
    expect(curl.stdout).toContain('--data-raw \'{"id":"evt_');
    expect(github.requests).toHaveLength(0);
  });
});

describe('trigger --dry-run of a provider that signs its URL', () => {
  it('signs the URL it would call, as the real delivery does (twilio)', async () => {
    const app = await target();
    const args = [
      'trigger',
      'twilio',
      'message-status',
      '--to',
      `${app.url}/sms`,
      '--secret',
      'twilio-token',
    ];
    const dry = await runCli([...args, '--seed', '7', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const shown = JSON.parse(dry.stdout) as { headers: Array<[string, string]> };
    const sent = await runCli([...args, '--seed', '7']);
    expect(sent.code).toBe(0);
    const [request] = app.requests;
    const signature = request?.headers['x-twilio-signature'];
    expect(shown.headers).toContainEqual(['X-Twilio-Signature', signature]);
    // Twilio's own check of what was sent: the URL called and the form parameters.
    const params = Object.fromEntries(new URLSearchParams(request?.body.toString() ?? ''));
    expect(validateTwilio('twilio-token', String(signature), `${app.url}/sms`, params)).toBe(true);
  });
});

describe('trigger --list', () => {
  it('lists the providers with samples, and one provider’s events, as text and JSON', async () => {
    const all = await runCli(['trigger', '--list']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^github +161 events$/m);
    expect(all.stdout).toMatch(/^stripe +4 events$/m);
    expect(all.stderr).toMatch(
      /^\d+ providers with samples: webhook-cli trigger --list <provider> lists the events\n$/,
    );
    const stripeList = await runCli(['trigger', '--list', 'stripe']);
    expect(stripeList.stdout).toBe(
      'checkout.session.completed\ncustomer.subscription.created\ninvoice.paid\npayment_intent.succeeded\n',
    );
    expect(stripeList.stderr).toBe('4 stripe events: webhook-cli trigger stripe <event> --to <url>\n');
    const json = JSON.parse((await runCli(['trigger', '--list', 'github', '--json'])).stdout);
    expect(json).toHaveLength(161);
    expect(json).toContainEqual({
      event: 'pull_request.opened',
      docs: 'https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request',
    });
    const providers = JSON.parse((await runCli(['trigger', '--list', '--json'])).stdout);
    expect(providers).toContainEqual(
      expect.objectContaining({
        provider: 'hmac',
        name: 'Generic HMAC',
        events: ['order.created', 'payment.failed', 'user.signed_up'],
      }),
    );
  });
});

describe('trigger with other schemes', () => {
  it('standard-webhooks-v1a signs with --private-key; webhook-cli verify checks it with the public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const cwd = tree({
      'key.pem': privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      'pub.pem': publicKey.export({ type: 'spki', format: 'pem' }) as string,
    });
    const result = await runCli(
      ['trigger', 'standard-webhooks-v1a', 'user.created', '--save', 'c', '--private-key', 'key.pem'],
      { cwd },
    );
    expect(result.code).toBe(0);
    const path = /^saved (.+)\n$/.exec(result.stderr)?.[1] as string;
    const verified = await runCli(
      ['verify', path, '--scheme', 'standard-webhooks-v1a', '--public-key', 'pub.pem'],
      { cwd },
    );
    expect(verified.code).toBe(0);
    const headers = JSON.parse(readFileSync(path, 'utf8')).headers as Array<[string, string]>;
    expect(headers.find(([name]) => name === 'webhook-id')?.[1]).toMatch(/^msg_[A-Za-z0-9]{24}$/);
  });

  it('hmac sends the generic JSON shape with X-Webhook-Event', async () => {
    const receiver = await target();
    const result = await runCli([
      'trigger',
      'hmac',
      'order.created',
      '--to',
      receiver.url,
      '--secret',
      's3cret',
      '--prefix',
      'sha256=',
    ]);
    expect(result.code).toBe(0);
    const [request] = receiver.requests as [RecordedRequest];
    expect(header(request, 'X-Webhook-Event')).toBe('order.created');
    expect(header(request, 'X-Signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(request.body.toString('utf8'))).toMatchObject({
      event: 'order.created',
      data: { currency: 'EUR' },
    });
  });
});

describe('trigger: what the user sees when something is wrong (exit 2, nothing sent)', () => {
  const cases: Array<[string, string[], string]> = [
    [
      'no provider or event',
      ['trigger'],
      "webhook-cli: trigger needs a provider and an event (e.g. webhook-cli trigger github pull_request.opened --to http://localhost:3000/webhook; 'webhook-cli trigger --list' lists them)\n",
    ],
    [
      'a mistyped provider',
      ['trigger', 'githbu', 'push', '--to', 'http://127.0.0.1:9/'],
      "webhook-cli: unknown provider 'githbu' (did you mean github? 'webhook-cli trigger --list' lists the providers and their events)\n",
    ],
    [
      'an unknown provider',
      ['trigger', 'nope-nope', 'push', '--to', 'http://127.0.0.1:9/'],
      "webhook-cli: unknown provider 'nope-nope' ('webhook-cli trigger --list' lists the providers and their events)\n",
    ],
    [
      'a mistyped event',
      ['trigger', 'github', 'pull_request.openned', '--to', 'http://127.0.0.1:9/', '--secret', 'x'],
      "webhook-cli: github has no sample event 'pull_request.openned' (did you mean pull_request.opened? 'webhook-cli trigger --list github' lists its 161 events)\n",
    ],
    [
      'an unknown event',
      ['trigger', 'stripe', 'charge.refunded', '--to', 'http://127.0.0.1:9/', '--secret', 'x'],
      "webhook-cli: stripe has no sample event 'charge.refunded' ('webhook-cli trigger --list stripe' lists its 4 events)\n",
    ],
    [
      'no secret',
      ['trigger', 'stripe', 'invoice.paid', '--to', 'http://127.0.0.1:9/'],
      'webhook-cli: no secret given (pass --secret, --secret-env NAME or set WEBHOOK_SECRET)\n',
    ],
    [
      'no private key',
      ['trigger', 'standard-webhooks-v1a', 'user.created', '--to', 'http://127.0.0.1:9/'],
      "webhook-cli: standard-webhooks-v1a signs with a private key: pass --private-key <file> (make a test key with 'openssl genpkey -algorithm ed25519 -out key.pem'; your app verifies with its public key, 'openssl pkey -in key.pem -pubout')\n",
    ],
    [
      'no target',
      ['trigger', 'github', 'push', '--secret', 'x'],
      'webhook-cli: --to or --save is required (e.g. --to http://localhost:3000/webhook, or --save captures/ to write it as a capture)\n',
    ],
    [
      'a bad --set',
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        'http://127.0.0.1:9/',
        '--secret',
        'x',
        '--set',
        'amount',
      ],
      "webhook-cli: --set: 'amount' is not <path>=<value> (e.g. --set data.object.amount_paid=5000 or --set /pull_request/title=Hello)\n",
    ],
    [
      'a --set through a number',
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        'http://127.0.0.1:9/',
        '--secret',
        'x',
        '--set',
        'data.object.amount_paid.cents=1',
      ],
      'webhook-cli: --set data.object.amount_paid.cents=1: data.object.amount_paid is a number, not an object (set a key of an object or an index of an array)\n',
    ],
    [
      '--set with --body',
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        'http://127.0.0.1:9/',
        '--secret',
        'x',
        '--set',
        'a=1',
        '--body',
        'b.json',
      ],
      'webhook-cli: --set changes the sample body; with --body, edit your file (leave out one of them)\n',
    ],
    [
      '--curl without --dry-run',
      ['trigger', 'stripe', 'invoice.paid', '--to', 'http://127.0.0.1:9/', '--secret', 'x', '--curl'],
      'webhook-cli: --curl only works with --dry-run (add --dry-run to print a curl command)\n',
    ],
    [
      '--dry-run without --to',
      ['trigger', 'stripe', 'invoice.paid', '--save', 'x', '--secret', 'x', '--dry-run'],
      'webhook-cli: --dry-run shows the request to --to (add --to <url>)\n',
    ],
    [
      'a bad --timestamp',
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        'http://127.0.0.1:9/',
        '--secret',
        'x',
        '--timestamp',
        'noon',
      ],
      "webhook-cli: --timestamp: 'noon' is not a time (Unix seconds such as 1767225600, or RFC 3339 such as 2026-01-01T00:00:00Z)\n",
    ],
    [
      'a URL-signing provider without --to',
      ['trigger', 'twilio', 'x', '--save', 'c', '--secret', 'x'],
      'webhook-cli: twilio signs the URL it calls: give --to, also with --save (the capture keeps its path, and the signature is of that URL)\n',
    ],
    [
      '--list with an event',
      ['trigger', '--list', 'github', 'push'],
      'webhook-cli: --list takes at most a provider (e.g. webhook-cli trigger --list github)\n',
    ],
    [
      'a missing --body file',
      [
        'trigger',
        'stripe',
        'invoice.paid',
        '--to',
        'http://127.0.0.1:9/',
        '--secret',
        'x',
        '--body',
        'missing.json',
      ],
      'webhook-cli: missing.json: cannot read: no such file or directory\n',
    ],
  ];
  it.each(cases)('%s', async (_name, argv, stderr) => {
    const result = await runCli(argv, { cwd: tree({}) });
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});

describe('trigger --timestamp and --seed', () => {
  it('fills the body times from --timestamp, or from 2026-01-01T00:00:00Z with --seed', async () => {
    const receiver = await target();
    const send = (...extra: string[]) =>
      runCli([
        'trigger',
        'standard-webhooks',
        'user.created',
        '--to',
        receiver.url,
        '--secret',
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        ...extra,
      ]);
    await send('--seed', '1');
    await send('--timestamp', '2025-06-01T12:00:00Z');
    await send('--timestamp', '1767225600');
    const bodies = receiver.requests.map((request) => JSON.parse(request.body.toString('utf8')));
    expect(bodies.map((body) => body.timestamp)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2025-06-01T12:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    // The signed timestamp header is the clock's: the receiver's tolerance applies to it.
    const now = Math.floor(Date.now() / 1000);
    for (const request of receiver.requests)
      expect(Math.abs(Number(header(request, 'webhook-timestamp')) - now)).toBeLessThan(60);
  });
});

describe('trigger --help', () => {
  it('shows the flags, examples and exit codes; the program help lists trigger', async () => {
    const help = await runCli(['trigger', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: webhook-cli trigger [options] [provider] [event]');
    expect(help.stdout).toContain('--set <path=value>');
    expect(help.stdout).toContain('$ webhook-cli trigger --list github');
    expect(help.stdout).toContain('Exit codes: 0 delivered (or saved), 1 not delivered, 2 usage error.');
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}trigger \[options\] \[provider\] \[event\] /m);
  });
});
