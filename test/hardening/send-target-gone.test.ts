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

let target: LedgerTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe('send: the target goes away part-way through a batch', () => {
  test('1,000 payloads at --concurrency 16: the server closes after 400 requests; each payload delivered once or listed', async () => {
    // The 400th request is never answered: the server destroys every connection (requests in
    // flight included) and stops listening, so every later attempt is refused.
    target = await startLedgerTarget((_id, _seen, total) => (total < 400 ? { status: 200 } : 'go-away'));
    const { dir, ids } = await makeBatch(1000, 200);
    const clock = new ManualClock();
    const result = await runCli(
      sendBatchArgs(`${target.url}/hook`, '--concurrency', '16', '--retries', '2', '--min-delay', '1ms'),
      { cwd: dir, clock },
    );
    await target.gone;
    const { delivered, failed, results } = await expectEveryInputAccountedFor(
      ids,
      result,
      target.ledger,
      dir,
    );
    expect(delivered.size).toBe(399);
    expect(failed.size).toBe(601);
    // Up to 16 were in flight when it went: cut mid-request, or refused on the retries after.
    const errors = new Set<string>();
    for (const id of failed) {
      const report = results.get(id);
      expect(report?.outcome).toBe('failed');
      expect(report?.attempts).toHaveLength(3);
      expect(report?.stoppedBy).toBe('retries-exhausted');
      expect(report?.error).toBe('connection refused (ECONNREFUSED)');
      for (const attempt of report?.attempts ?? []) errors.add(attempt.error ?? '');
    }
    expect(errors.has('connection refused (ECONNREFUSED)')).toBe(true);
    // Refused attempts never reached the target; the cut ones did, once each at most.
    expect(target.ledger.requests.size).toBeLessThanOrEqual(399 + 16);
    expect(result.code).toBe(1);
  });
});
