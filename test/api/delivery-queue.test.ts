import { describe, expect, it } from 'vitest';
import { createDeliveryQueue, describeFilter, matcher } from '../../src/cli/api/delivery-queue.js';
import type { Clock } from '../../src/deps.js';
import type { Delivery } from '../../src/listen/delivery.js';

/** A clock whose timers fire only when the test says so. */
function steppedClock() {
  const timers: Array<{ ms: number; fire: () => void }> = [];
  const clock: Clock = {
    now: () => 0,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        timers.push({ ms, fire: resolve });
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
  return { clock, timers };
}

function delivery(event: string | null, path = '/'): Delivery {
  return { event, path, method: 'POST' } as Delivery;
}

describe('createDeliveryQueue', () => {
  it('gives each delivery to the oldest matching waiter, else buffers it for a later take', async () => {
    const { clock } = steppedClock();
    const queue = createDeliveryQueue(10, clock);
    const push = queue.take(matcher({ type: 'push' }));
    const any = queue.take(matcher());
    queue.push(delivery('issues.opened'));
    queue.push(delivery('push'));
    queue.push(delivery('ping'));
    expect((await any)?.event).toBe('issues.opened');
    expect((await push)?.event).toBe('push');
    expect((await queue.take(matcher({ type: 'ping' })))?.event).toBe('ping');
  });

  it('matches `issues` to issues.opened, as --events does, and filters by path prefix and predicate', () => {
    expect(matcher({ type: 'issues' })(delivery('issues.opened'))).toBe(true);
    expect(matcher({ type: 'issues' })(delivery('issues_comment'))).toBe(false);
    expect(matcher({ type: ['a', 'b'] })(delivery('b'))).toBe(true);
    expect(matcher({ type: 'a' })(delivery(null))).toBe(false);
    expect(matcher({ path: '/stripe' })(delivery('x', '/stripe/hook'))).toBe(true);
    expect(matcher({ path: '/stripe' })(delivery('x', '/github'))).toBe(false);
    expect(matcher({ where: (d) => d.method === 'PUT' })(delivery('x'))).toBe(false);
    expect(describeFilter({ type: ['a', 'b'], path: '/p' })).toBe('with type a or b, path /p');
  });

  it('drops the oldest untaken delivery beyond its capacity and counts it', async () => {
    const queue = createDeliveryQueue(2, steppedClock().clock);
    for (const event of ['1', '2', '3', '4']) queue.push(delivery(event));
    expect(queue.dropped()).toBe(2);
    expect((await queue.take(matcher()))?.event).toBe('3');
  });

  it('rejects on timeout naming what arrived meanwhile (escaped, the last 10)', async () => {
    const { clock, timers } = steppedClock();
    const queue = createDeliveryQueue(100, clock);
    const waiting = queue.take(matcher({ type: 'invoice.paid' }), 4000, 'with type invoice.paid');
    for (let n = 1; n <= 11; n += 1) queue.push(delivery(`e${n}`));
    queue.push(delivery('evil\x1b[2J'));
    timers[0]?.fire();
    await expect(waiting).rejects.toThrow(
      'no delivery with type invoice.paid within 4.0s; 12 others arrived meanwhile: e3, e4, e5, e6, e7, e8, e9, e10, e11, evil\\e[2J, …',
    );
  });

  it('resolves waiters with null on close, and later takes at once', async () => {
    const queue = createDeliveryQueue(10, steppedClock().clock);
    const waiting = queue.take(matcher(), 1000);
    queue.close();
    expect(await waiting).toBeNull();
    expect(await queue.take(matcher())).toBeNull();
  });
});
