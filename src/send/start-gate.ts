import type { Clock } from '../deps.js';

/** `--rate`: spaces payload starts evenly, at most `rate` a second. */
export interface StartGate {
  /** Waits for the next free start; false when `signal` ended the wait (the batch stopped). */
  wait(signal: AbortSignal): Promise<boolean>;
}

/**
 * Start n is due `n / rate` seconds after the first, or at once when the previous start is
 * already that far behind (no burst to catch up after a slow payload: the next slot counts from
 * now). Waits on `clock.sleep`, so a test's clock sees the exact schedule.
 */
export function createStartGate(rate: number, clock: Clock): StartGate {
  let nextStartAt = Number.NEGATIVE_INFINITY;
  return {
    async wait(signal) {
      const now = clock.now();
      const at = Math.max(now, nextStartAt);
      nextStartAt = at + 1000 / rate;
      if (at <= now) return true;
      try {
        await clock.sleep(at - now, signal);
        return true;
      } catch {
        return false;
      }
    },
  };
}
