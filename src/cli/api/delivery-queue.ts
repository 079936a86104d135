import type { Clock } from '../../deps.js';
import type { Delivery } from '../../listen/delivery.js';
import { formatDuration } from '../../options/duration.js';
import { escapeTerminalLine } from '../../text/escape-terminal.js';

/** Which delivery `next()` waits for: every given condition must hold. */
export interface DeliveryFilter {
  /** Event type(s); `issues` also matches `issues.opened`, as `listen --events` does. */
  type?: string | readonly string[];
  /** Path prefix, e.g. `/stripe`. */
  path?: string;
  /** Any other condition. */
  where?: (delivery: Delivery) => boolean;
}

/** Thrown by `next()` when nothing matching arrived in time, or the listener closed first. */
export class DeliveryWaitError extends Error {
  override name = 'DeliveryWaitError';
}

export interface DeliveryQueue {
  push(delivery: Delivery): void;
  /** The first buffered or future delivery that `matches`; null once closed with none left. */
  take(matches: (delivery: Delivery) => boolean, timeoutMs?: number, what?: string): Promise<Delivery | null>;
  /** Deliveries dropped because the buffer was full. */
  dropped(): number;
  close(): void;
}

/** `{ type, path, where }` or a bare predicate → one predicate. */
export function matcher(filter: DeliveryFilter | ((delivery: Delivery) => boolean) = {}) {
  if (typeof filter === 'function') return filter;
  const types = typeof filter.type === 'string' ? [filter.type] : filter.type;
  return (delivery: Delivery): boolean => {
    const { event } = delivery;
    if (types && (event === null || !types.some((type) => event === type || event.startsWith(`${type}.`))))
      return false;
    if (filter.path !== undefined && !delivery.path.startsWith(filter.path)) return false;
    return filter.where ? filter.where(delivery) : true;
  };
}

/** `{ type: invoice.paid, path: /stripe }` for messages; a predicate is `a condition`. */
export function describeFilter(filter: DeliveryFilter | ((delivery: Delivery) => boolean) = {}): string {
  if (typeof filter === 'function') return 'matching the condition';
  const parts = [
    filter.type !== undefined && `type ${[filter.type].flat().join(' or ')}`,
    filter.path !== undefined && `path ${filter.path}`,
    filter.where !== undefined && 'the condition',
  ].filter(Boolean);
  return parts.length ? `with ${parts.join(', ')}` : '';
}

/**
 * The deliveries no consumer has taken yet, at most `capacity`: when a new one arrives at a full
 * buffer the oldest is dropped (and counted), so a listener nobody reads from holds bounded memory.
 * Each delivery goes to one consumer: the oldest waiting `take` it matches, else the buffer.
 */
export function createDeliveryQueue(capacity: number, clock: Clock): DeliveryQueue {
  const buffer: Delivery[] = [];
  const waiters: Array<{ matches: (d: Delivery) => boolean; resolve: (d: Delivery | null) => void }> = [];
  let closed = false;
  let dropped = 0;
  let arrivals = 0;
  const recent: string[] = [];
  return {
    push(delivery) {
      if (closed) return;
      arrivals += 1;
      recent.push(escapeTerminalLine(delivery.event ?? `${delivery.method} ${delivery.path}`));
      if (recent.length > 10) recent.shift();
      const index = waiters.findIndex((waiter) => waiter.matches(delivery));
      if (index >= 0) {
        const [waiter] = waiters.splice(index, 1);
        waiter?.resolve(delivery);
        return;
      }
      buffer.push(delivery);
      if (buffer.length > capacity) {
        buffer.shift();
        dropped += 1;
      }
    },
    take(matches, timeoutMs, what = '') {
      const index = buffer.findIndex(matches);
      if (index >= 0) return Promise.resolve(buffer.splice(index, 1)[0] as Delivery);
      if (closed) return Promise.resolve(null);
      const arrivalsBefore = arrivals;
      return new Promise((resolve, reject) => {
        const abort = new AbortController();
        const waiter = {
          matches,
          resolve: (delivery: Delivery | null) => {
            abort.abort();
            resolve(delivery);
          },
        };
        waiters.push(waiter);
        if (timeoutMs === undefined) return;
        clock.sleep(timeoutMs, abort.signal).then(
          () => {
            const at = waiters.indexOf(waiter);
            if (at >= 0) waiters.splice(at, 1);
            const count = arrivals - arrivalsBefore;
            const names = recent.slice(-Math.min(count, recent.length));
            const more = count > names.length ? ', …' : '';
            const arrived = count
              ? `; ${count} other${count === 1 ? '' : 's'} arrived meanwhile: ${names.join(', ')}${more}`
              : '; none arrived meanwhile';
            reject(
              new DeliveryWaitError(
                `no delivery ${what ? `${what} ` : ''}within ${formatDuration(timeoutMs)}${arrived}`,
              ),
            );
          },
          () => {},
        );
      });
    },
    dropped: () => dropped,
    close() {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter.resolve(null);
    },
  };
}
