import type { Delivery } from '../listen/delivery.js';

/**
 * A delivery as the inspector keeps it: the raw body and what the listener found, without the
 * decoded text and parsed tree (`content`), which are made again when a page asks for them. A 1 MB
 * body of `[{},{},…]` parses into far more memory than its bytes, and a tiny brotli body can
 * decode to 16 MB: neither stays in memory.
 */
export type HeldDelivery = Omit<Delivery, 'content'>;

/** Deliveries the inspector holds, oldest first: at most `limit` of them and `maxBytes` together. */
export interface HistoryStore {
  readonly limit: number;
  readonly maxBytes: number;
  /**
   * Adds a delivery, without its `content` (or replaces the one with the same id); returns the ids
   * dropped to stay in bounds, oldest first. The newest delivery is always kept.
   */
  add(delivery: HeldDelivery | Delivery): string[];
  get(id: string): HeldDelivery | undefined;
  /** Oldest first. */
  list(): readonly HeldDelivery[];
  /** What the held deliveries weigh (see `heldSize`). */
  bytes(): number;
}

/** Overhead counted per delivery besides its body and headers (ids, dates, check results). */
const RECORD_BYTES = 1024;

/** What one held delivery weighs: body, headers, the app's response body and a fixed overhead. */
export function heldSize(delivery: HeldDelivery): number {
  let size = RECORD_BYTES + delivery.body.length + delivery.path.length;
  for (const [name, value] of delivery.headers) size += name.length + value.length;
  size += delivery.forward?.body?.length ?? 0;
  return size;
}

/** `delivery` without `content`: a new object, so that nothing keeps the decoded text alive. */
export function withoutContent(delivery: HeldDelivery | Delivery): HeldDelivery {
  if (!('content' in delivery)) return delivery;
  const { content: _content, ...held } = delivery;
  return held;
}

export function createHistoryStore(limit: number, maxBytes = Number.POSITIVE_INFINITY): HistoryStore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a positive integer`);
  if (!(maxBytes >= 1)) throw new RangeError('history byte limit must be at least 1');
  // A Map keeps insertion order, and a replaced entry keeps its place: oldest first, by itself.
  const byId = new Map<string, HeldDelivery>();
  let total = 0;
  return {
    limit,
    maxBytes,
    add(incoming) {
      const delivery = withoutContent(incoming);
      const previous = byId.get(delivery.id);
      total += heldSize(delivery) - (previous ? heldSize(previous) : 0);
      byId.set(delivery.id, delivery);
      const dropped: string[] = [];
      while (byId.size > 1 && (byId.size > limit || total > maxBytes)) {
        const [oldestId, oldest] = byId.entries().next().value as [string, HeldDelivery];
        byId.delete(oldestId);
        total -= heldSize(oldest);
        dropped.push(oldestId);
      }
      return dropped;
    },
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
    bytes: () => total,
  };
}
