// The list's filters and the history the page holds. Pure: no DOM, unit-tested in node
// (test/inspector/page-filters.test.ts).
import type { DeliverySummary } from './api-types.js';

/** The event filter's value for deliveries without an event type (no real event type has a NUL). */
export const NO_EVENT = '\u0000none';

/** The values of the status filter (index.html lists them); '' is any status. */
export type StatusFilter = '' | 'ok' | 'failed' | 'signature' | 'schema' | 'forward' | 'rejected';

export interface Filters {
  /** An event type, NO_EVENT, or '' for all. */
  event: string;
  status: string;
  /** Ids matching the text filter (the server searches bodies too), or null without a text filter. */
  textMatches: ReadonlySet<string> | null;
}

export function statusMatches(summary: DeliverySummary, status: string): boolean {
  switch (status as StatusFilter) {
    case 'ok':
      return !summary.failed;
    case 'failed':
      return summary.failed;
    case 'signature':
      return summary.signature?.ok === false;
    case 'schema':
      return summary.validation?.ok === false;
    case 'forward':
      return summary.forward !== null && !summary.forward.ok;
    case 'rejected':
      return !summary.accepted;
    default:
      return true;
  }
}

export function eventMatches(summary: DeliverySummary, event: string): boolean {
  if (event === '') return true;
  return event === NO_EVENT ? summary.event === null : summary.event === event;
}

/** The deliveries the list shows, in the history's order (newest first). */
export function visibleDeliveries(
  deliveries: readonly DeliverySummary[],
  filters: Filters,
): DeliverySummary[] {
  return deliveries.filter(
    (summary) =>
      eventMatches(summary, filters.event) &&
      statusMatches(summary, filters.status) &&
      (filters.textMatches === null || filters.textMatches.has(summary.id)),
  );
}

export interface Option {
  value: string;
  text: string;
}

/**
 * The event filter's choices: all, each event type in the history (sorted), "(no event type)"
 * when some delivery has none, and the current choice even when its deliveries were dropped.
 */
export function eventOptions(deliveries: readonly DeliverySummary[], current: string): Option[] {
  const events = [
    ...new Set(deliveries.map((summary) => summary.event).filter((event) => event !== null)),
  ].sort();
  const options: Option[] = [{ value: '', text: 'All event types' }];
  for (const event of events) options.push({ value: event, text: event });
  if (deliveries.some((summary) => summary.event === null)) {
    options.push({ value: NO_EVENT, text: '(no event type)' });
  }
  if (current !== '' && current !== NO_EVENT && !events.includes(current)) {
    options.push({ value: current, text: current });
  }
  return options;
}

/** The history after a `delivery` event: dropped ids gone, the delivery replaced or put first, at most `limit`. */
export function applyDeliveryEvent(
  deliveries: readonly DeliverySummary[],
  delivery: DeliverySummary,
  dropped: readonly string[],
  limit: number,
): DeliverySummary[] {
  const gone = new Set(dropped);
  const next = gone.size > 0 ? deliveries.filter((summary) => !gone.has(summary.id)) : [...deliveries];
  const index = next.findIndex((summary) => summary.id === delivery.id);
  if (index === -1) next.unshift(delivery);
  else next[index] = delivery;
  if (next.length > limit) next.length = limit;
  return next;
}

export interface Comparison {
  candidates: DeliverySummary[];
  /** The delivery of the same event type that arrived just before this one, else the first candidate. */
  preselected: DeliverySummary | undefined;
}

/** What a delivery can be compared with: the others of its event type in the history. */
export function comparisonFor(
  deliveries: readonly DeliverySummary[],
  delivery: Pick<DeliverySummary, 'id' | 'event' | 'receivedAt'>,
): Comparison {
  const candidates = deliveries.filter(
    (summary) => summary.id !== delivery.id && summary.event === delivery.event,
  );
  const preselected =
    candidates.find((summary) => summary.receivedAt <= delivery.receivedAt) ?? candidates[0];
  return { candidates, preselected };
}
