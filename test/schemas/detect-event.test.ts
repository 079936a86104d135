import { describe, expect, it } from 'vitest';
import { findProvider } from '../../src/providers/registry.js';
import { detectEventType } from '../../src/schemas/detect-event.js';

describe('detectEventType', () => {
  const body = { type: 'invoice.paid', event: 'e', event_type: 'et', topic: 't', action: 'opened' };

  it('takes --event over everything else', () => {
    expect(detectEventType({ body, headers: [['X-GitHub-Event', 'issues']], event: 'push' })).toEqual({
      type: 'push',
      rule: '--event',
    });
  });

  it('joins X-GitHub-Event and the body action, header names case-insensitive', () => {
    expect(detectEventType({ body, headers: [['x-github-event', 'issues']] })).toEqual({
      type: 'issues.opened',
      rule: 'X-GitHub-Event header + body "action"',
    });
    expect(detectEventType({ body: { ref: 'main' }, headers: [['X-GitHub-Event', 'push']] })).toEqual({
      type: 'push',
      rule: 'X-GitHub-Event header',
    });
  });

  it('then ce-type, then X-Shopify-Topic', () => {
    expect(detectEventType({ body, headers: [['ce-type', 'com.example.created']] })).toEqual({
      type: 'com.example.created',
      rule: 'ce-type header',
    });
    expect(detectEventType({ body, headers: [['X-Shopify-Topic', 'orders/create']] })).toEqual({
      type: 'orders/create',
      rule: 'X-Shopify-Topic header',
    });
  });

  it('then the body fields type, event, event_type, topic in that order', () => {
    expect(detectEventType({ body })).toEqual({ type: 'invoice.paid', rule: 'body "type"' });
    expect(detectEventType({ body: { event: 'e', event_type: 'et', topic: 't' } })).toEqual({
      type: 'e',
      rule: 'body "event"',
    });
    expect(detectEventType({ body: { event_type: 'et', topic: 't' } })).toEqual({
      type: 'et',
      rule: 'body "event_type"',
    });
    expect(detectEventType({ body: { topic: 't' } })).toEqual({ type: 't', rule: 'body "topic"' });
  });

  it('ignores fields that are not non-empty strings, and finds nothing in arrays or scalars', () => {
    expect(detectEventType({ body: { type: 3, event: '', topic: 'x' } })).toEqual({
      type: 'x',
      rule: 'body "topic"',
    });
    expect(detectEventType({ body: [{ type: 'a' }] })).toEqual({ type: undefined, rule: 'none' });
    expect(detectEventType({ body: 'type' })).toEqual({ type: undefined, rule: 'none' });
  });

  it('takes the sender the caller already detected instead of asking the headers again', () => {
    const headers: [string, string][] = [['X-GitHub-Event', 'issues']];
    // Told the sender is Stripe, the body's `type` decides; told there is none, the header still
    // names GitHub's event (any provider's event header is tried).
    expect(detectEventType({ body, headers, sender: findProvider('stripe') })).toEqual({
      type: 'invoice.paid',
      rule: 'body "type"',
    });
    expect(detectEventType({ body, headers, sender: undefined })).toEqual({
      type: 'issues.opened',
      rule: 'X-GitHub-Event header + body "action"',
    });
  });
});
