import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { deliverWithRetry } from '../../src/send/deliver-with-retry.js';
import type { AttemptRecord, DeliveryOptions } from '../../src/send/delivery-report.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { signWith } from '../helpers/signing.js';
import { ManualClock } from '../helpers/test-deps.js';

let agent: Agent;
let target: HttpTarget | undefined;
beforeAll(() => {
  agent = new Agent();
});
afterAll(async () => {
  await agent.close();
});
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const base: DeliveryOptions = {
  retries: 5,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 5000,
  retryOn: new Set([503]),
};

function request(url: string) {
  return {
    method: 'POST',
    url: `${url}/hook`,
    headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
    body: Buffer.from('{"a":1}'),
  };
}

describe('deliverWithRetry (the engine the inspector replays with)', () => {
  test('reports every attempt through onAttempt and in the report', async () => {
    target = await startHttpTarget([
      { status: 503, body: 'busy' },
      { status: 201, body: 'made\nsecond line' },
    ]);
    const clock = new ManualClock();
    const seen: AttemptRecord[] = [];
    const report = await deliverWithRetry(
      request(target.url),
      { ...base, onAttempt: (attempt) => seen.push(attempt) },
      { dispatcher: agent, clock, random: () => 0 },
    );
    expect(report).toEqual({
      ok: true,
      status: 201,
      statusText: 'Created',
      error: null,
      attempts: [
        {
          attempt: 1,
          status: 503,
          statusText: 'Service Unavailable',
          error: null,
          ms: 0,
          delayMs: 0,
          bodyFirstLine: 'busy',
        },
        {
          attempt: 2,
          status: 201,
          statusText: 'Created',
          error: null,
          ms: 0,
          delayMs: 500,
          bodyFirstLine: 'made',
        },
      ],
      ms: 500,
      stoppedBy: 'delivered',
      gone: false,
    });
    expect(seen).toEqual(report.attempts);
    expect(clock.sleeps).toEqual([500]);
  });

  test('drain (first Ctrl-C): the attempt in flight finishes, no retry starts', async () => {
    target = await startHttpTarget([{ status: 503 }]);
    const drain = new AbortController();
    const report = await deliverWithRetry(
      request(target.url),
      { ...base, drain: drain.signal, onAttempt: () => drain.abort() },
      { dispatcher: agent, clock: new ManualClock(), random: () => 0 },
    );
    expect(report.stoppedBy).toBe('interrupted');
    expect(report.attempts).toHaveLength(1);
    expect(report.status).toBe(503);
    expect(target.requests).toHaveLength(1);
  });

  test('signal (second Ctrl-C) aborts the attempt in flight', async () => {
    target = await startHttpTarget([{ hang: true }]);
    const abort = new AbortController();
    const delivery = deliverWithRetry(
      request(target.url),
      { ...base, signal: abort.signal },
      { dispatcher: agent, clock: new ManualClock(), random: () => 0 },
    );
    await target.waitForRequests(1);
    abort.abort();
    const report = await delivery;
    expect(report).toMatchObject({ ok: false, status: null, error: 'aborted', stoppedBy: 'interrupted' });
    expect(report.attempts[0]).toMatchObject({ status: null, error: 'aborted', code: 'ABORTED' });
  });

  test('sign: old signatures removed, a fresh timestamp per attempt, the same id', async () => {
    target = await startHttpTarget([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const report = await deliverWithRetry(
      {
        ...request(target.url),
        headers: [
          ['webhook-signature', 'v1,old'],
          ['webhook-timestamp', '1'],
        ],
      },
      {
        ...base,
        minDelayMs: 1000,
        maxDelayMs: 1000,
        sign: signWith('standard-webhooks', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
      },
      { dispatcher: agent, clock, random: () => 0 },
    );
    expect(report.ok).toBe(true);
    const stamps = target.requests.map((r) => r.headers['webhook-timestamp']);
    const start = Date.UTC(2026, 0, 1) / 1000;
    expect(stamps).toEqual([String(start), String(start + 1), String(start + 2)]);
    const ids = new Set(target.requests.map((r) => r.headers['webhook-id']));
    expect(ids).toEqual(new Set([report.deliveryId]));
    expect(target.requests.every((r) => !String(r.headers['webhook-signature']).includes('old'))).toBe(true);
  });

  test('GET without a body, and a 3xx is returned, not followed', async () => {
    target = await startHttpTarget([{ status: 307, headers: { location: '/other' } }]);
    const report = await deliverWithRetry(
      { method: 'GET', url: `${target.url}/x`, headers: [], body: Buffer.alloc(0) },
      base,
      { dispatcher: agent, clock: new ManualClock(), random: () => 0 },
    );
    expect(report).toMatchObject({ ok: false, status: 307, stoppedBy: 'not-retryable' });
    expect(target.requests.map((r) => [r.method, r.url])).toEqual([['GET', '/x']]);
  });
});
