import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { afterEach, describe, expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { DEFAULT_RETRY_STATUSES } from '../../src/send/backoff.js';
import type { Payload, PayloadItem } from '../../src/send/read-payloads.js';
import { type BatchOptions, payloadSource, type SendEvent, sendBatch } from '../../src/send/send-batch.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { FakeSignals, ManualClock } from '../helpers/test-deps.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** A generated payload, as `trigger` makes them. */
const payload = (n: number): Payload => ({
  kind: 'payload',
  input: `generated ${n}`,
  method: 'POST',
  path: '/',
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from(`{"n":${n}}`),
  reference: { path: `generated ${n}` },
});

const optionsFor = (url: string, overrides: Partial<BatchOptions> = {}): BatchOptions => ({
  to: new URL(url),
  headers: [],
  dropHeaders: [],
  timeoutMs: 5000,
  retries: 2,
  minDelayMs: 500,
  maxDelayMs: 1000,
  retryOn: new Set(DEFAULT_RETRY_STATUSES),
  concurrency: 1,
  failFast: false,
  ...overrides,
});

async function run(items: PayloadItem[], options: BatchOptions, onEvent?: (event: SendEvent) => void) {
  const events: SendEvent[] = [];
  const signals = new FakeSignals();
  const deps = { clock: new ManualClock(), random: () => 0.5, signals };
  const summary = await sendBatch(payloadSource(items), options, deps, (event) => {
    events.push(event);
    onEvent?.(event);
    if (event.kind === 'result' && event.result.input === 'generated 1' && options.failFast === false)
      signals.emit('SIGINT');
  });
  return { events, summary, deps };
}

describe('sendBatch with a source of generated payloads', () => {
  it('delivers each, re-signing every attempt with one delivery id, one result per item, in order', async () => {
    const secret = 'trigger-secret';
    target = await startHttpTarget((_request, index) => (index === 0 ? { status: 503 } : { status: 200 }));
    const events: SendEvent[] = [];
    const summary = await sendBatch(
      payloadSource([payload(0), payload(2)]),
      optionsFor(target.url, { sign: { provider: getProvider('github'), secrets: [secret] } }),
      { clock: new ManualClock(), random: () => 0.5, signals: new FakeSignals() },
      (event) => {
        events.push(event);
      },
    );
    expect(summary).toMatchObject({ delivered: 2, failed: 0, badInputs: 0, notSent: 0, attempts: 3 });
    expect(
      events.map((event) => event.kind === 'result' && [event.result.input, event.result.outcome]),
    ).toEqual([
      ['generated 0', 'delivered'],
      ['generated 2', 'delivered'],
    ]);
    const [first, second] = target.requests;
    expect(first?.headers['x-github-delivery']).toBe(second?.headers['x-github-delivery']);
    for (const request of target.requests) {
      const signature = request.headers['x-hub-signature-256'] as string;
      expect(await verifyGitHub(secret, request.body.toString(), signature)).toBe(true);
    }
    const firstResult = events[0] as Extract<SendEvent, { kind: 'result' }>;
    expect(firstResult.result.report?.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    expect(firstResult.deliveryHeaders).toEqual([['X-GitHub-Delivery', first?.headers['x-github-delivery']]]);
  });

  it('reports a bad item as a bad input and sends nothing for it', async () => {
    target = await startHttpTarget();
    const { events, summary } = await run(
      [{ kind: 'bad', input: 'broken', message: 'no such event', reference: { path: 'broken' } }, payload(0)],
      optionsFor(target.url),
    );
    expect(events.map((event) => event.kind === 'result' && event.result)).toMatchObject([
      { input: 'broken', outcome: 'bad-input', message: 'no such event' },
      { input: 'generated 0', outcome: 'delivered' },
    ]);
    expect(summary).toMatchObject({ delivered: 1, badInputs: 1 });
    expect(target.requests).toHaveLength(1);
  });

  it('with failFast, starts nothing after the first payload that fails for good; the rest are not sent', async () => {
    target = await startHttpTarget([{ status: 400 }]);
    const { events, summary } = await run(
      [payload(0), payload(1), payload(2)],
      optionsFor(target.url, { failFast: true }),
    );
    expect(
      events.map((event) => event.kind === 'result' && [event.result.outcome, event.result.message]),
    ).toEqual([
      ['failed', undefined],
      ['not-sent', 'stopped by --fail-fast'],
      ['not-sent', 'stopped by --fail-fast'],
    ]);
    expect(summary).toMatchObject({ failed: 1, notSent: 2, stoppedBy: 'fail-fast' });
    expect(target.requests).toHaveLength(1);
  });

  it('a SIGINT stops new payloads: a stopping event, then the rest reported as not sent', async () => {
    target = await startHttpTarget();
    const { events, summary } = await run(
      [payload(0), payload(1), payload(2), payload(3)],
      optionsFor(target.url),
    );
    expect(events.map((event) => (event.kind === 'result' ? event.result.outcome : event.kind))).toEqual([
      'delivered',
      'delivered',
      'stopping',
      'not-sent',
      'not-sent',
    ]);
    expect(events[2]).toEqual({ kind: 'stopping', inFlight: 0 });
    expect(summary).toMatchObject({ delivered: 2, notSent: 2, stoppedBy: 'interrupted' });
    expect(target.requests).toHaveLength(2);
  });
});
