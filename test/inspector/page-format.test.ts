// The inspector page's text helpers (src/inspector-page/format.ts), in node: no browser needed.
import { describe, expect, it } from 'vitest';
import {
  describeDiff,
  describeReplay,
  formatDateTime,
  formatSize,
  formatTime,
  plural,
  pointerLabel,
  shortJson,
} from '../../src/inspector-page/format.js';

describe('page format helpers', () => {
  it('formats sizes in B, KB and MB with one decimal', () => {
    expect([0, 1023, 1024, 1536, 1024 * 1024 - 1, 1024 * 1024, 15 * 1024 * 1024 + 1].map(formatSize)).toEqual(
      ['0 B', '1023 B', '1.0 KB', '1.5 KB', '1024.0 KB', '1.0 MB', '15.0 MB'],
    );
  });

  it('shows times in the local clock, 24-hour, and text that is not a date as it is', () => {
    const afternoon = new Date(2026, 0, 1, 13, 5, 9).toISOString();
    expect(formatTime(afternoon)).toMatch(/13.05.09/);
    expect(formatTime(afternoon)).not.toMatch(/PM/i);
    expect(formatDateTime(afternoon)).toMatch(/2026.*13.05.09/);
    expect(formatTime('yesterday')).toBe('yesterday');
    expect(formatDateTime('')).toBe('');
  });

  it('says 1 thing, 2 things, and irregular plurals when told', () => {
    expect([plural(0, 'key'), plural(1, 'key'), plural(2, 'key')]).toEqual(['0 keys', '1 key', '2 keys']);
    expect([plural(1, 'delivery', 'deliveries'), plural(3, 'delivery', 'deliveries')]).toEqual([
      '1 delivery',
      '3 deliveries',
    ]);
  });

  it('shows JSON values on one line, cut at 240 characters', () => {
    expect(shortJson({ a: [1, 'two'] })).toBe('{"a":[1,"two"]}');
    expect(shortJson('x'.repeat(300))).toBe(`"${'x'.repeat(239)}…`);
    expect(shortJson(undefined)).toBe('undefined');
    expect(shortJson([1, 2, 3], 4)).toBe('[1,2…');
  });

  it('names the root pointer (body)', () => {
    expect([pointerLabel(''), pointerLabel('/a~1b/0')]).toEqual(['(body)', '/a~1b/0']);
  });

  it('describes a replay result as the page shows it', () => {
    expect(
      describeReplay({ ok: true, status: 201, attempts: 1, ms: 23, responseBodyFirstLine: 'created' }),
    ).toBe('✓ 201 after 1 attempt in 23 ms · created');
    expect(describeReplay({ ok: false, status: 503, attempts: 3, ms: 1200, error: 'still failing' })).toBe(
      '✗ 503 after 3 attempts in 1200 ms · still failing',
    );
    expect(describeReplay({ ok: true, status: 204, attempts: 2, ms: 5, responseBodyFirstLine: '' })).toBe(
      '✓ 204 after 2 attempts in 5 ms',
    );
    expect(
      describeReplay({ ok: false, status: null, attempts: 6, ms: 9000, error: 'connect ECONNREFUSED' }),
    ).toBe('✗ no response after 6 attempts (9000 ms): connect ECONNREFUSED');
  });

  it('counts a diff by kind', () => {
    const changes = [
      { pointer: '/a', kind: 'added' as const, after: 1 },
      { pointer: '/b', kind: 'changed' as const, before: 1, after: 2 },
      { pointer: '/c', kind: 'changed' as const, before: 1, after: 2 },
    ];
    expect(describeDiff(changes, false)).toBe(
      'From the selected delivery to this one: 1 added, 0 removed, 2 changed.',
    );
    expect(describeDiff(changes, true)).toBe(
      'From the selected delivery to this one: 1 added, 0 removed, 2 changed (first ones only).',
    );
  });
});
