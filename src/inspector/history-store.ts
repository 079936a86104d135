import type { Delivery } from '../listen/delivery.js';

/** Deliveries the inspector holds, oldest first, at most `limit` of them. */
export interface HistoryStore {
  readonly limit: number;
  /** Adds a delivery (or replaces the one with the same id); returns the ids dropped to stay in bound. */
  add(delivery: Delivery): string[];
  get(id: string): Delivery | undefined;
  /** Oldest first. */
  list(): readonly Delivery[];
}

export function createHistoryStore(limit: number): HistoryStore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a positive integer`);
  const order: Delivery[] = [];
  const byId = new Map<string, Delivery>();
  return {
    limit,
    add(delivery) {
      if (byId.has(delivery.id)) {
        const index = order.findIndex((item) => item.id === delivery.id);
        order[index] = delivery;
        byId.set(delivery.id, delivery);
        return [];
      }
      order.push(delivery);
      byId.set(delivery.id, delivery);
      const dropped: string[] = [];
      while (order.length > limit) {
        const oldest = order.shift() as Delivery;
        byId.delete(oldest.id);
        dropped.push(oldest.id);
      }
      return dropped;
    },
    get: (id) => byId.get(id),
    list: () => order,
  };
}
