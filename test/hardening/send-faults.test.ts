import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import {
  expectEveryInputAccountedFor,
  type LedgerTarget,
  makeBatch,
  sendBatchArgs,
  startLedgerTarget,
} from './send-helpers.js';

// Each case sends batch.jsonl through main() to a real target on 127.0.0.1:0 that misbehaves, and
// checks that every payload is delivered exactly once or listed in --failed, never both.

let target: LedgerTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const send = (dir: string, extra: string[], clock = new ManualClock()) =>
  runCli(sendBatchArgs(`${target?.url}/hook`, ...extra), { cwd: dir, clock });

describe('send against a failing target: nothing lost, nothing delivered twice', () => {
  test('503 twice then 200: every payload delivered on its 3rd attempt, one delivery id across its retries', async () => {
    target = await startLedgerTarget((_id, seen) => ({ status: seen <= 2 ? 503 : 200 }));
    const { dir, ids } = await makeBatch(40);
    const clock = new ManualClock();
    const result = await send(
      dir,
      [
        '--concurrency',
        '4',
        '--sign',
        'standard-webhooks',
        '--secret',
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      ],
      clock,
    );
    const { delivered, results } = await expectEveryInputAccountedFor(ids, result, target.ledger, dir);
    expect(delivered.size).toBe(40);
    for (const id of ids) {
      expect(target.ledger.requests.get(id)).toBe(3);
      expect(results.get(id)?.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
      // A retry is the same delivery: the receiver can deduplicate on webhook-id.
      expect(new Set(target.ledger.webhookIds.get(id)).size).toBe(1);
    }
    const webhookIds = ids.map((id) => target?.ledger.webhookIds.get(id)?.[0]);
    expect(new Set(webhookIds).size).toBe(40);
    // random() = 0.5 with the default 500ms floor: retry 1 waits 750ms, retry 2 waits 1250ms.
    expect([...clock.sleeps].sort((a, b) => a - b)).toEqual([
      ...Array(40).fill(750),
      ...Array(40).fill(1250),
    ]);
  });

  test('connection dropped mid-response, in the head or in the body: retried, delivered once', async () => {
    target = await startLedgerTarget((id, seen) => {
      if (seen > 1) return { status: 200 };
      return Number(id.slice(2)) % 2 === 0 ? 'drop-in-head' : 'drop-in-body';
    });
    const { dir, ids } = await makeBatch(30);
    const result = await send(dir, ['--concurrency', '6', '--min-delay', '1ms']);
    const { delivered, results } = await expectEveryInputAccountedFor(ids, result, target.ledger, dir);
    expect(delivered.size).toBe(30);
    for (const id of ids) {
      const [first, second] = results.get(id)?.attempts ?? [];
      // A 200 head followed by a cut body is a network failure, not a delivery.
      expect(first).toMatchObject({ status: null });
      expect(first?.error).toMatch(
        /socket closed mid-response|connection reset|response body shorter|closed/,
      );
      expect(second).toMatchObject({ status: 200 });
    }
  });

  test('a target that trickles its body with pauses shorter than --timeout is cut off after one --timeout of body', async () => {
    target = await startLedgerTarget(() => 'trickle-body');
    const { dir, ids } = await makeBatch(2);
    const result = await runCli(
      sendBatchArgs(target.url, '--concurrency', '2', '--timeout', '300ms', '--retries', '0'),
      { cwd: dir },
    );
    const { failed, results } = await expectEveryInputAccountedFor(ids, result, target.ledger, dir);
    expect([...failed].sort()).toEqual(ids);
    for (const id of ids) {
      const [attempt] = results.get(id)?.attempts ?? [];
      expect(attempt).toMatchObject({ status: null, code: 'TIMEOUT' });
      // The head comes at once, then 300ms of trickle: cut off by the first chunk after that.
      expect(attempt?.ms).toBeGreaterThanOrEqual(295);
      expect(attempt?.ms).toBeLessThan(1500);
    }
  });

  test('a target that never answers, or stalls in the body: the per-attempt --timeout fires on time; all listed', async () => {
    // No answer ever completes, so no 2xx can race a timeout: the outcome does not depend on load.
    target = await startLedgerTarget((id) => (Number(id.slice(2)) % 2 === 1 ? 'hang' : 'stall-in-body'));
    const { dir, ids } = await makeBatch(6);
    // The real clock: the attempt times below are the timeouts' own.
    const result = await runCli(
      sendBatchArgs(
        target.url,
        '--concurrency',
        '6',
        '--timeout',
        '200ms',
        '--retries',
        '1',
        '--min-delay',
        '1ms',
      ),
      { cwd: dir },
    );
    const { failed, results } = await expectEveryInputAccountedFor(ids, result, target.ledger, dir);
    expect([...failed].sort()).toEqual(ids);
    for (const id of ids) {
      const report = results.get(id);
      expect(report).toMatchObject({ error: 'timed out after 200ms', stoppedBy: 'retries-exhausted' });
      expect(target.ledger.requests.get(id)).toBe(2);
      for (const attempt of report?.attempts ?? []) {
        expect(attempt).toMatchObject({ status: null, code: 'TIMEOUT' });
        // undici's own timers tick every ~500ms and would fire this one up to a second late.
        expect(attempt.ms).toBeGreaterThanOrEqual(195);
        expect(attempt.ms).toBeLessThan(700);
      }
    }
  });

  test('429 with Retry-After as an HTTP-date: waits exactly that long by the injected clock, within the limits', async () => {
    const clock = new ManualClock();
    const inSeconds = (seconds: number) => new Date(clock.now() + seconds * 1000);
    const asctime = (date: Date) => {
      const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
      return `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`;
    };
    // Payload n is told to come back in n seconds, except: 6 past --max-elapsed, 7 a garbage
    // date (the normal backoff applies), 8 a date already past (at once), 2 in the asctime form.
    const retryAfter: Record<string, () => string> = {
      'p-0006': () => inSeconds(45).toUTCString(),
      'p-0007': () => 'Mon, 1',
      'p-0008': () => inSeconds(-30).toUTCString(),
      'p-0002': () => asctime(inSeconds(2)),
    };
    target = await startLedgerTarget((id, seen) => {
      if (seen > 1) return { status: 200 };
      const value = retryAfter[id]?.() ?? inSeconds(Number(id.slice(2))).toUTCString();
      return { status: 429, headers: { 'retry-after': value } };
    });
    const { dir, ids } = await makeBatch(8);
    const result = await send(dir, ['--max-elapsed', '30s', '--max-delay', '60s'], clock);
    const { delivered, failed, results } = await expectEveryInputAccountedFor(
      ids,
      result,
      target.ledger,
      dir,
    );
    expect(clock.sleeps).toEqual([1000, 2000, 3000, 4000, 5000, 750, 0]);
    expect([...failed]).toEqual(['p-0006']);
    expect(results.get('p-0006')).toMatchObject({ stoppedBy: 'max-elapsed', attempts: [{ status: 429 }] });
    expect(delivered.size).toBe(7);
    expect(result.code).toBe(1);
  });
});
