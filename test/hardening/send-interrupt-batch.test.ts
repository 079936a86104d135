import { afterEach, describe, expect, test } from 'vitest';
import type { Clock } from '../../src/deps.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestDeps, ManualClock } from '../helpers/test-deps.js';
import {
  type Answer,
  expectEveryInputAccountedFor,
  type LedgerTarget,
  makeBatch,
  sendBatchArgs,
  startLedgerTarget,
} from './send-helpers.js';

// test/send/send-interrupt.test.ts covers one payload in flight at --concurrency 1 and the second
// Ctrl-C. These add a wide batch: payloads waiting out a backoff when Ctrl-C comes, answers that
// arrive after it, and Ctrl-C at a random point of a fast batch.

let target: LedgerTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** A clock whose backoff waits never end by themselves: only an abort ends them. */
class StuckClock implements Clock {
  private started = 0;
  private listeners: Array<() => void> = [];
  now(): number {
    return Date.UTC(2026, 0, 1);
  }
  sleep(_ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((_resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.started += 1;
      for (const listener of this.listeners) listener();
    });
  }
  /** Resolves once `count` waits have begun. */
  waitForSleeps(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.started >= count) resolve();
      };
      this.listeners.push(check);
      check();
    });
  }
}

describe('send: Ctrl-C in the middle of a wide batch', () => {
  test('attempts in flight finish (no retry after), waits in backoff end, the rest are listed; exit 1', async () => {
    // At --concurrency 8 the first 8 payloads start: odd ones get a 503 and wait out a backoff
    // that never ends by itself; even ones are held at the target until after Ctrl-C.
    const held = new Map<string, (answer: Answer) => void>();
    target = await startLedgerTarget((id) => {
      const n = Number(id.slice(2));
      if (n % 2 === 1) return { status: 503 };
      return new Promise<Answer>((resolve) => held.set(id, resolve));
    });
    const { dir, ids } = await makeBatch(100);
    const clock = new StuckClock();
    const deps = createTestDeps({ cwd: dir, clock });
    const run = runCli(sendBatchArgs(target.url, '--concurrency', '8'), deps);
    await Promise.all([target.waitForTotal(8), clock.waitForSleeps(4)]);
    deps.signals.emit('SIGINT');
    // Answered after Ctrl-C: p-0002 and p-0004 with 200, p-0006 and p-0008 with 503.
    for (const [id, answer] of held) answer({ status: id === 'p-0002' || id === 'p-0004' ? 200 : 503 });
    const result = await run;

    expect(result.stderr).toContain(
      'stopping: no new payloads; waiting for 8 in flight (Ctrl-C again to abort them)\n',
    );
    const { delivered, failed, results } = await expectEveryInputAccountedFor(
      ids,
      result,
      target.ledger,
      dir,
    );
    expect([...delivered].sort()).toEqual(['p-0002', 'p-0004']);
    expect(failed.size).toBe(98);
    // Nothing started after Ctrl-C, and nothing was retried.
    expect(target.ledger.requests.size).toBe(8);
    expect([...target.ledger.requests.values()].every((count) => count === 1)).toBe(true);
    for (const id of ['p-0001', 'p-0003', 'p-0005', 'p-0006', 'p-0007', 'p-0008']) {
      expect(results.get(id)).toMatchObject({
        outcome: 'failed',
        stoppedBy: 'interrupted',
        attempts: [{ status: 503 }],
      });
    }
    for (const id of ids.slice(8)) expect(results.get(id)?.outcome).toBe('not-sent');
    expect(result.stderr).toMatch(/^delivered 2 of 100, failed 6, not sent 92 {2}· {2}8 attempts/m);
    expect(result.stderr).toContain('stopped by Ctrl-C');
    expect(result.code).toBe(1);
    expect(deps.signals.listenerCount('SIGINT')).toBe(0);
    expect(deps.signals.listenerCount('SIGTERM')).toBe(0);
  });

  test.each([137, 500, 811])(
    'Ctrl-C when request %i of 1,000 arrives, at --concurrency 16: every payload delivered once or listed',
    async (at) => {
      const { dir, ids } = await makeBatch(1000);
      const deps = createTestDeps({ cwd: dir, clock: new ManualClock() });
      target = await startLedgerTarget((_id, _seen, total) => {
        if (total === at) deps.signals.emit('SIGINT');
        return { status: 200 };
      });
      const result = await runCli(sendBatchArgs(target.url, '--concurrency', '16'), deps);
      const { delivered, failed } = await expectEveryInputAccountedFor(ids, result, target.ledger, dir);
      // The one that brought Ctrl-C and the others already on their way still finish: at most
      // 16 in flight, so at most 15 more arrive after it.
      expect(delivered.size).toBeGreaterThanOrEqual(at);
      expect(delivered.size).toBeLessThanOrEqual(at + 15);
      expect(target.ledger.requests.size).toBe(delivered.size);
      expect(failed.size).toBe(1000 - delivered.size);
      expect(result.stderr).toMatch(
        new RegExp(`^delivered ${delivered.size} of 1000, not sent ${failed.size} `, 'm'),
      );
      expect(result.code).toBe(1);
    },
  );
});
