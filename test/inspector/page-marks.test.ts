// The list item marks of the inspector page (src/inspector-page/marks.ts), from the server's own
// summaries of deliveries, in node: no browser needed.
import { describe, expect, it } from 'vitest';
import { summarizeDelivery } from '../../src/inspector/delivery-view.js';
import { marksOf } from '../../src/inspector-page/marks.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { makeDelivery } from './inspector-fixtures.js';

const marks = (overrides: Partial<Delivery>) => marksOf(summarizeDelivery(makeDelivery(overrides)));
const texts = (overrides: Partial<Delivery>) => marks(overrides).map((mark) => `${mark.tone} ${mark.text}`);
const forward = { url: 'http://localhost:3000/hook', ms: 5, body: '' };

describe('marksOf', () => {
  it('marks passed checks ok, with what was checked in the title', () => {
    expect(marks({ forward: { ...forward, status: 200, error: null } })).toEqual([
      { tone: 'ok', text: 'sig ✓', title: 'Signature valid (github)' },
      { tone: 'ok', text: 'schema ✓', title: 'Valid against github:issues$opened' },
      { tone: 'ok', text: '→ 200', title: 'Forwarded to http://localhost:3000/hook' },
    ]);
  });

  it('marks failed checks bad, with the reason in the title', () => {
    expect(
      marks({
        signature: { scheme: 'stripe', ok: false, reason: 'timestamp-too-old' },
        validation: {
          schema: 's',
          ok: false,
          errors: [
            { pointer: '/a', message: 'x' },
            { pointer: '/b', message: 'y' },
          ],
        },
        forward: { ...forward, status: 500, error: null },
      }),
    ).toEqual([
      { tone: 'bad', text: 'sig ✗', title: 'Signature failed (stripe): timestamp-too-old' },
      { tone: 'bad', text: 'schema ✗ 2', title: 'Schema check failed' },
      { tone: 'bad', text: '→ 500', title: 'Forward to http://localhost:3000/hook failed' },
    ]);
  });

  it('shows a schema failure without errors, a signature without reason and a forward that got no answer', () => {
    expect(
      marks({
        signature: { scheme: 'hmac', ok: false },
        validation: { schema: null, ok: false, errors: [], message: 'the body is not JSON' },
        forward: { ...forward, status: null, error: 'connect ECONNREFUSED 127.0.0.1:3000' },
      }),
    ).toEqual([
      { tone: 'bad', text: 'sig ✗', title: 'Signature failed (hmac): invalid' },
      { tone: 'bad', text: 'schema ✗', title: 'Schema check failed' },
      {
        tone: 'bad',
        text: '→ error',
        title: 'Forward to http://localhost:3000/hook failed: connect ECONNREFUSED 127.0.0.1:3000',
      },
    ]);
  });

  it('marks a rejected request and a handshake first, and nothing that was not checked', () => {
    expect(
      texts({ accepted: false, response: { status: 404 }, signature: null, validation: null, forward: null }),
    ).toEqual(['bad rejected 404']);
    expect(marks({ handshake: 'slack url_verification', signature: null, validation: null })).toEqual([
      { tone: 'warn', text: 'handshake', title: 'Answered automatically: slack url_verification' },
    ]);
    expect(texts({ signature: null, validation: null, forward: null })).toEqual([]);
  });
});
