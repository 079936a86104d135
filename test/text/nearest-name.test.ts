import { describe, expect, it } from 'vitest';
import { nearestName } from '../../src/text/nearest-name.js';

describe('nearestName', () => {
  const events = ['pull_request.opened', 'pull_request.closed', 'push', 'invoice.paid', 'invoice.voided'];

  it('finds the name one or a few edits away, swaps and case included', () => {
    expect(nearestName('pull_request.openned', events)).toBe('pull_request.opened');
    expect(nearestName('pull_reqeust.opened', events)).toBe('pull_request.opened');
    expect(nearestName('INVOICE.PAID', events)).toBe('invoice.paid');
    expect(nearestName('invoice.pad', events)).toBe('invoice.paid');
    expect(nearestName('psuh', events)).toBe('push');
  });

  it('suggests nothing when every name is far off', () => {
    expect(nearestName('charge.refunded', events)).toBeUndefined();
    expect(nearestName('x', events)).toBeUndefined();
    expect(nearestName('anything', [])).toBeUndefined();
  });

  it('takes the earlier of two equally near names', () => {
    expect(nearestName('ab', ['ax', 'xb'])).toBe('ax');
  });
});
