// The inspector page's filters and history (src/inspector-page/filters.ts), from the server's own
// summaries of deliveries, in node: no browser needed.
import { describe, expect, it } from 'vitest';
import { summarizeDelivery } from '../../src/inspector/delivery-view.js';
import {
  applyDeliveryEvent,
  comparisonFor,
  eventMatches,
  eventOptions,
  NO_EVENT,
  statusMatches,
  visibleDeliveries,
} from '../../src/inspector-page/filters.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { makeDelivery } from './inspector-fixtures.js';

const summary = (overrides: Partial<Delivery> = {}) => summarizeDelivery(makeDelivery(overrides));
const forward = { url: 'http://localhost:3000/hook', ms: 5, body: '' };

const passed = summary({ path: '/passed' });
const badSignature = summary({
  path: '/sig',
  signature: { scheme: 'github', ok: false, reason: 'mismatch' },
});
const badSchema = summary({
  path: '/schema',
  event: 'push',
  validation: { schema: 's', ok: false, errors: [{ pointer: '', message: 'x' }] },
});
const badForward = summary({ path: '/forward', forward: { ...forward, status: 502, error: null } });
const rejected = summary({ path: '/rejected', accepted: false, response: { status: 413 }, event: null });
const all = [rejected, badForward, badSchema, badSignature, passed];
const paths = (list: readonly { path: string }[]) => list.map((item) => item.path);

describe('statusMatches', () => {
  it.each([
    ['', ['/rejected', '/forward', '/schema', '/sig', '/passed']],
    ['ok', ['/passed']],
    ['failed', ['/rejected', '/forward', '/schema', '/sig']],
    ['signature', ['/sig']],
    ['schema', ['/schema']],
    ['forward', ['/forward']],
    ['rejected', ['/rejected']],
  ])('status %j keeps %j', (status, expected) => {
    expect(paths(all.filter((item) => statusMatches(item, status)))).toEqual(expected);
  });
});

describe('eventMatches and visibleDeliveries', () => {
  it('filters by event type, by "no event type", by status and by the text search together', () => {
    expect(paths(all.filter((item) => eventMatches(item, 'push')))).toEqual(['/schema']);
    expect(paths(all.filter((item) => eventMatches(item, NO_EVENT)))).toEqual(['/rejected']);
    expect(all.every((item) => eventMatches(item, ''))).toBe(true);
    expect(
      paths(visibleDeliveries(all, { event: 'issues.opened', status: 'failed', textMatches: null })),
    ).toEqual(['/forward', '/sig']);
    const textMatches = new Set([badForward.id, passed.id]);
    expect(paths(visibleDeliveries(all, { event: 'issues.opened', status: 'failed', textMatches }))).toEqual([
      '/forward',
    ]);
    expect(visibleDeliveries(all, { event: '', status: '', textMatches: new Set() })).toEqual([]);
  });
});

describe('eventOptions', () => {
  it('offers every event type sorted, "(no event type)" when one lacks it, and keeps the current choice', () => {
    expect(eventOptions(all, '')).toEqual([
      { value: '', text: 'All event types' },
      { value: 'issues.opened', text: 'issues.opened' },
      { value: 'push', text: 'push' },
      { value: NO_EVENT, text: '(no event type)' },
    ]);
    // The chosen type's deliveries were dropped from the history: the choice stays, so does the filter.
    expect(eventOptions([passed], 'ping').map((option) => option.value)).toEqual([
      '',
      'issues.opened',
      'ping',
    ]);
    expect(eventOptions([passed], NO_EVENT).map((option) => option.value)).toEqual(['', 'issues.opened']);
    expect(eventOptions([], '')).toEqual([{ value: '', text: 'All event types' }]);
  });
});

describe('applyDeliveryEvent', () => {
  it('puts a new delivery first, replaces one published again, drops what the server dropped, keeps the limit', () => {
    const [a, b, c] = [summary(), summary(), summary()];
    const history = [b!, a!];
    expect(applyDeliveryEvent(history, c!, [], 3).map((item) => item.id)).toEqual([c!.id, b!.id, a!.id]);
    expect(history.map((item) => item.id)).toEqual([b!.id, a!.id]);
    const updated = { ...a!, responseStatus: 500 };
    expect(applyDeliveryEvent(history, updated, [], 3)).toEqual([b, updated]);
    expect(applyDeliveryEvent(history, c!, [a!.id], 3).map((item) => item.id)).toEqual([c!.id, b!.id]);
    expect(applyDeliveryEvent(history, c!, [], 2).map((item) => item.id)).toEqual([c!.id, b!.id]);
  });
});

describe('comparisonFor', () => {
  it('offers the other deliveries of the same event type, preselecting the one just before', () => {
    const [first, second, third] = [summary(), summary(), summary()];
    const other = summary({ event: 'push' });
    const history = [other, third!, second!, first!];
    const fromThird = comparisonFor(history, third!);
    expect(fromThird.candidates.map((item) => item.id)).toEqual([second!.id, first!.id]);
    expect(fromThird.preselected?.id).toBe(second!.id);
    // The oldest has nothing before it: the newest other one is preselected.
    expect(comparisonFor(history, first!).preselected?.id).toBe(third!.id);
    expect(comparisonFor(history, other)).toEqual({ candidates: [], preselected: undefined });
  });
});
