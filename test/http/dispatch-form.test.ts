import { describe, expect, it } from 'vitest';
import { DispatchForms } from '../../src/http/dispatch-form.js';
import type { HeaderList } from '../../src/options/headers.js';

describe('DispatchForms', () => {
  it('splits a URL into origin and path with its query, once per URL', () => {
    const forms = new DispatchForms();
    const first = forms.target('http://127.0.0.1:3000/hooks/in?x=1');
    expect(first).toEqual({ origin: 'http://127.0.0.1:3000', path: '/hooks/in?x=1' });
    expect(forms.target('http://127.0.0.1:3000/hooks/in?x=1')).toBe(first);
    expect(forms.target('https://example.test/other')).toEqual({
      origin: 'https://example.test',
      path: '/other',
    });
    expect(forms.target('http://127.0.0.1:3000/hooks/in?x=1')).toEqual(first);
  });

  it('flattens a header list once while the same list comes back, and again for another list', () => {
    const forms = new DispatchForms();
    const shared: HeaderList = [
      ['content-type', 'application/json'],
      ['x-a', '1'],
    ];
    const flat = forms.headers(shared);
    expect(flat).toEqual(['content-type', 'application/json', 'x-a', '1']);
    expect(forms.headers(shared)).toBe(flat);
    const signed: HeaderList = [...shared, ['x-signature', 'abc']];
    expect(forms.headers(signed)).toEqual([
      'content-type',
      'application/json',
      'x-a',
      '1',
      'x-signature',
      'abc',
    ]);
    expect(forms.headers(shared)).toEqual(flat);
  });
});
