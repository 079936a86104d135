/**
 * The bytes that compressed bodies may decode to, across every request in flight (`--max-decoding`).
 * A body reserves what it may expand to before it is decoded, waiting its turn (first come, first
 * served) while the budget is spent, and gives back what it did not use once decoded; the rest is
 * returned when its delivery is done. A single reservation never exceeds the whole budget, so
 * every body gets its turn.
 */
export interface DecodeBudget {
  readonly total: number;
  reserve(bytes: number): Promise<DecodeLease>;
  /** Bytes reserved right now. */
  inUse(): number;
  /** The most ever reserved at once. */
  peak(): number;
}

export interface DecodeLease {
  readonly bytes: number;
  /** Keeps only `bytes` of the reservation (what the decoded body actually holds). */
  shrink(bytes: number): void;
  release(): void;
}

export function createDecodeBudget(total: number): DecodeBudget {
  let used = 0;
  let peak = 0;
  const waiting: Array<{ bytes: number; grant: () => void }> = [];

  const admit = () => {
    while (waiting.length > 0 && used + (waiting[0]?.bytes ?? 0) <= total) {
      const next = waiting.shift() as (typeof waiting)[number];
      used += next.bytes;
      peak = Math.max(peak, used);
      next.grant();
    }
  };

  const lease = (initial: number): DecodeLease => {
    let held = initial;
    return {
      get bytes() {
        return held;
      },
      shrink(bytes) {
        const kept = Math.max(0, Math.min(held, bytes));
        used -= held - kept;
        held = kept;
        admit();
      },
      release() {
        used -= held;
        held = 0;
        admit();
      },
    };
  };

  return {
    total,
    reserve(bytes) {
      const wanted = Math.max(0, Math.min(bytes, total));
      return new Promise((resolve) => {
        waiting.push({ bytes: wanted, grant: () => resolve(lease(wanted)) });
        admit();
      });
    },
    inUse: () => used,
    peak: () => peak,
  };
}
