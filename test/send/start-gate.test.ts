import { describe, expect, it } from 'vitest';
import { createStartGate } from '../../src/send/start-gate.js';
import { ManualClock } from '../helpers/test-deps.js';

describe('createStartGate (--rate)', () => {
  it('spaces starts 1000/rate ms apart, the first at once', async () => {
    const clock = new ManualClock();
    const gate = createStartGate(4, clock);
    const signal = new AbortController().signal;
    for (let n = 0; n < 4; n += 1) expect(await gate.wait(signal)).toBe(true);
    expect(clock.sleeps).toEqual([250, 250, 250]);
  });

  it('counts the next slot from now after a pause: no burst to catch up', async () => {
    const clock = new ManualClock();
    const gate = createStartGate(10, clock);
    const signal = new AbortController().signal;
    await gate.wait(signal);
    clock.advance(5000);
    await gate.wait(signal);
    await gate.wait(signal);
    expect(clock.sleeps).toEqual([100]);
  });

  it('gives false when the wait is ended by the signal', async () => {
    const clock = new ManualClock();
    const gate = createStartGate(1, clock);
    const controller = new AbortController();
    await gate.wait(controller.signal);
    controller.abort();
    expect(await gate.wait(controller.signal)).toBe(false);
  });
});
