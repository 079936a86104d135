import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { afterEach, describe, expect, test } from 'vitest';
import { type HttpTarget, type RecordedRequest, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import { capture, captureJson, makeDir } from './fixtures.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

// Two failures then success: three attempts, each 2s+ apart on the manual clock (--min-delay 2s),
// so every attempt carries a different timestamp. The clock starts at the real time because the
// providers' libraries check the timestamp against Date.now().
const FLAKY = [{ status: 503 }, { status: 500 }, { status: 200 }];

async function sendSigned(files: Record<string, string>, args: string[], env: Record<string, string> = {}) {
  target = await startHttpTarget(FLAKY);
  const dir = await makeDir(files);
  const clock = new ManualClock(Date.now());
  const result = await runCli(
    ['send', ...args, '--to', target.url, '--min-delay', '2s', '--max-delay', '2s'],
    {
      cwd: dir,
      clock,
      env,
    },
  );
  expect(result.code).toBe(0);
  expect(target.requests).toHaveLength(3);
  return { result, requests: target.requests, clock };
}

const header = (request: RecordedRequest, name: string) => request.headers[name.toLowerCase()] as string;

describe('send --sign: every attempt signed afresh, the delivery id stable', () => {
  test('standard-webhooks: verified by the standardwebhooks library; webhook-id stable, timestamps fresh', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"type":"invoice.paid","data":{"id":"in_1"}}';
    const { requests, result } = await sendSigned(
      { 'p.json': body },
      ['p.json', '--sign', 'standard-webhooks'],
      {
        WEBHOOK_SECRET: secret,
      },
    );
    const webhook = new Webhook(secret);
    for (const request of requests) {
      expect(
        webhook.verify(request.body.toString('utf8'), request.headers as Record<string, string>),
      ).toEqual(JSON.parse(body));
    }
    const ids = requests.map((request) => header(request, 'webhook-id'));
    expect(new Set(ids).size).toBe(1);
    const stamps = requests.map((request) => Number(header(request, 'webhook-timestamp')));
    expect(stamps[1]! - stamps[0]!).toBe(2);
    expect(stamps[2]! - stamps[1]!).toBe(2);
    expect(result.stdout).toContain('(attempt 3/6)');
    expect(result.stdout + result.stderr).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });

  test('standard-webhooks: a captured webhook-id is kept, its old signature replaced', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const saved = capture({
      headers: [
        ['webhook-id', 'msg_original'],
        ['webhook-timestamp', '1000'],
        ['webhook-signature', 'v1,stale'],
        ['Content-Type', 'application/json'],
      ],
    });
    const { requests } = await sendSigned({ 'c.json': captureJson(saved) }, [
      'c.json',
      '--sign',
      'svix',
      '--secret',
      secret,
    ]);
    for (const request of requests) {
      expect(request.rawHeaders.filter(([name]) => name.toLowerCase().startsWith('webhook-')).length).toBe(3);
      expect(header(request, 'webhook-id')).toBe('msg_original');
      expect(() =>
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>),
      ).not.toThrow();
    }
  });

  test('github: verified by @octokit/webhooks-methods; X-GitHub-Delivery made once and kept', async () => {
    const secret = "It's a Secret to Everybody";
    const { requests, result } = await sendSigned(
      { 'p.json': '{"zen":"Keep it logically awesome."}' },
      ['p.json', '--sign', 'github', '--secret-env', 'GH_SECRET', '--json'],
      { GH_SECRET: secret },
    );
    for (const request of requests) {
      expect(
        await verifyGitHub(secret, request.body.toString('utf8'), header(request, 'x-hub-signature-256')),
      ).toBe(true);
    }
    const ids = new Set(requests.map((request) => header(request, 'x-github-delivery')));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(result.stdout).deliveryId).toBe([...ids][0]);
  });

  test('github: a capture keeps its X-GitHub-Delivery; the stale signatures are removed', async () => {
    const secret = 'new-secret';
    const saved = capture({
      headers: [
        ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
        ['X-Hub-Signature', 'sha1=stale'],
        ['X-Hub-Signature-256', 'sha256=stale'],
        ['X-GitHub-Event', 'ping'],
      ],
    });
    const { requests } = await sendSigned({ 'c.json': captureJson(saved) }, [
      'c.json',
      '--sign',
      'github',
      '--secret',
      secret,
    ]);
    for (const request of requests) {
      expect(header(request, 'x-github-delivery')).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
      expect(header(request, 'x-hub-signature')).toBeUndefined();
      expect(
        await verifyGitHub(secret, request.body.toString('utf8'), header(request, 'x-hub-signature-256')),
      ).toBe(true);
    }
  });

  test('stripe: verified by stripe.webhooks.constructEvent; t= fresh on every attempt', async () => {
    const secret = 'whsec_test_secret';
    const event = '{"id":"evt_1","object":"event","type":"charge.succeeded"}';
    const { requests } = await sendSigned({ 'e.json': event }, [
      'e.json',
      '--sign',
      'stripe',
      '--secret',
      secret,
    ]);
    const stripe = new Stripe('sk_test_unused');
    const stamps = requests.map((request) => {
      const signature = header(request, 'stripe-signature');
      expect(stripe.webhooks.constructEvent(request.body, signature, secret).id).toBe('evt_1');
      return Number(/t=(\d+)/.exec(signature)?.[1]);
    });
    expect(new Set(stamps).size).toBe(3);
  });

  test('a payload the scheme cannot sign fails alone, without a request', async () => {
    target = await startHttpTarget();
    const saved = capture({ headers: [['webhook-id', 'has.dot']] });
    const dir = await makeDir({ 'a.json': captureJson(saved), 'b.json': '{}' });
    const result = await runCli(
      [
        'send',
        'a.json',
        'b.json',
        '--to',
        target.url,
        '--sign',
        'standard-webhooks',
        '--secret',
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(target.requests).toHaveLength(1);
    expect(result.stdout).toMatch(
      /^✘ a\.json → cannot sign: the webhook id "has\.dot" cannot be signed\n✔ b\.json/,
    );
  });

  test('--dry-run --sign shows the signed headers', async () => {
    const dir = await makeDir({ 'p.json': 'Hello, World!' });
    const result = await runCli(
      [
        'send',
        'p.json',
        '--to',
        'http://127.0.0.1:9/',
        '--dry-run',
        '--sign',
        'github',
        '--secret',
        "It's a Secret to Everybody",
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n',
    );
    expect(result.stdout).toMatch(/ {2}X-GitHub-Delivery: [0-9a-f-]{36}\n/);
  });
});
