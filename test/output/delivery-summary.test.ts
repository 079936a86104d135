import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { addToSummary, emptySummary, summaryPassed } from '../../src/listen/listen-summary.js';
import { renderListenSummary } from '../../src/output/delivery-summary.js';
import { makeDelivery } from '../listen/delivery-fixture.js';

describe('listen summary', () => {
  it('counts events and each check, and fails when any check failed', () => {
    const summary = emptySummary({ verify: true, validate: true, forward: true, saveDir: 'captures' });
    const forward = (status: number | null) => ({
      url: 'http://app/',
      status,
      ms: 1,
      error: status ? null : 'down',
    });
    addToSummary(
      summary,
      makeDelivery({
        signature: { scheme: 'github', ok: true },
        validation: { schema: 's', ok: true, errors: [] },
        forward: forward(200),
        savedTo: 'captures/a.json',
      }),
    );
    expect(summaryPassed(summary)).toBe(true);
    addToSummary(
      summary,
      makeDelivery({
        event: null,
        signature: { scheme: 'github', ok: false, reason: 'mismatch' },
        validation: { schema: 's', ok: false, errors: [] },
        forward: forward(null),
        saveError: 'cannot save: ENOSPC',
      }),
    );
    addToSummary(summary, makeDelivery({ accepted: false, response: { status: 413 } }));
    addToSummary(summary, makeDelivery({ accepted: false, response: { status: 404 } }));
    expect(summaryPassed(summary)).toBe(false);
    expect(
      renderListenSummary(summary, { colors: new Chalk({ level: 0 }), reason: 'Ctrl-C', durationMs: 65_000 }),
    ).toBe(
      [
        'Stopped (Ctrl-C) after 1m5s: 2 deliveries',
        '  events     issues.opened 1, (none) 1',
        '  signature  1 ok, 1 failed (mismatch 1)',
        '  schema     1 valid, 1 invalid',
        '  forward    1 answered 2xx, 0 other status, 1 not answered',
        '  saved      1 capture in captures, 1 not saved',
        '  rejected   1 too large (413), 1 for other paths (404)',
        '',
      ].join('\n'),
    );
  });

  it('passes with no deliveries and only 404s', () => {
    const summary = emptySummary({ verify: false, validate: false, forward: false, saveDir: null });
    addToSummary(summary, makeDelivery({ accepted: false, response: { status: 404 } }));
    expect(summaryPassed(summary)).toBe(true);
  });
});
