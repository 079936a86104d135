import { describe, expect, it } from 'vitest';
import { createRouteMatcher, eventMatches } from '../../src/listen/match-route.js';

describe('createRouteMatcher', () => {
  const match = createRouteMatcher([
    { path: '/stripe' },
    { path: '/github', events: ['push'] },
    { path: '/github/' },
    { path: '/github/org' },
    { path: '/shopify', events: ['orders/create'] },
  ]);

  it('matches a path prefix at a segment boundary, query included', () => {
    expect(match('/stripe')).toBe(0);
    expect(match('/stripe/live?x=1')).toBe(0);
    expect(match('/stripe?x=1')).toBe(0);
    expect(match('/stripes')).toBe(-1);
    expect(match('/')).toBe(-1);
  });

  it('prefers the longest prefix', () => {
    expect(match('/github/org/repo')).toBe(3);
  });

  it('asks for the event type only when a candidate route names events, then tries routes in order', () => {
    expect(match('/github')).toBe('event');
    expect(match('/github', 'push')).toBe(1);
    // A route without events after it takes the other event types (its path is /github too).
    expect(match('/github', 'issues.opened')).toBe(2);
    expect(match('/github', null)).toBe(2);
    expect(match('/shopify', 'orders/create')).toBe(4);
    expect(match('/shopify', 'orders/paid')).toBe(-1);
    expect(match('/shopify', null)).toBe(-1);
  });

  it('matches nothing without routes, and / matches every path', () => {
    expect(createRouteMatcher([])('/x')).toBe(-1);
    expect(createRouteMatcher([{ path: '/' }])('/anything?at=all')).toBe(0);
  });
});

describe('eventMatches', () => {
  it('takes an event type or its <type>.<action>s', () => {
    expect(eventMatches('issues.opened', ['issues'])).toBe(true);
    expect(eventMatches('issues.opened', ['issues.opened'])).toBe(true);
    expect(eventMatches('issues', ['issues.opened'])).toBe(false);
    expect(eventMatches('pushed', ['push'])).toBe(false);
  });
});
