import { describe, expect, it } from 'vitest';
import { appendPath } from '../../src/http/append-path.js';

describe('appendPath', () => {
  const to = new URL('http://127.0.0.1:3000/hooks');
  it.each([
    ['/', 'http://127.0.0.1:3000/hooks'],
    ['', 'http://127.0.0.1:3000/hooks'],
    ['/github', 'http://127.0.0.1:3000/hooks/github'],
    ['/github/', 'http://127.0.0.1:3000/hooks/github/'],
    ['/github?x=1', 'http://127.0.0.1:3000/hooks/github?x=1'],
    ['/?x=1', 'http://127.0.0.1:3000/hooks?x=1'],
    ['/a b', 'http://127.0.0.1:3000/hooks/a%20b'],
    ['/a#b?c#d', 'http://127.0.0.1:3000/hooks/a%23b?c%23d'],
    // Dot segments that stay below the base are resolved, so none reaches the server.
    ['/x/../y', 'http://127.0.0.1:3000/hooks/y'],
    ['/x/%2E%2e/y/./z', 'http://127.0.0.1:3000/hooks/y/z'],
    ['/x\\..\\y', 'http://127.0.0.1:3000/hooks/y'],
    ['/x//y', 'http://127.0.0.1:3000/hooks/x/y'],
    ['/x/..', 'http://127.0.0.1:3000/hooks'],
    ['/x/./', 'http://127.0.0.1:3000/hooks/x/'],
    ['/v1.2/a%2Fb', 'http://127.0.0.1:3000/hooks/v1.2/a%2Fb'],
    ['/...', 'http://127.0.0.1:3000/hooks/...'],
  ])('%s', (suffix, expected) => {
    expect(appendPath(to, suffix)).toBe(expected);
  });

  it.each([
    '/..',
    '/../admin',
    '/%2e%2e/admin',
    '/%2E%2E/admin',
    '/.%2E/admin',
    '/%2e./admin',
    '/x/../../secret',
    '/x/%2e%2e/%2e%2e/secret',
    '/..\\admin',
    '\\..\\admin',
    '//../admin',
    '/../admin?x=1',
  ])('refuses %s, which climbs out of the base path', (suffix) => {
    expect(() => appendPath(to, suffix)).toThrow('the path climbs out of /hooks');
  });

  it.each([
    '/..%2fadmin',
    '/x%2F..%2F..%2Fsecret',
    '/..%5Cadmin',
    '/..;/admin',
    '/..%3B/admin',
    '/x/.;',
    '/.%2fx',
  ])('refuses %s, which hides a dot segment a server may resolve', (suffix) => {
    expect(() => appendPath(to, suffix)).toThrow(
      "the path hides a dot segment behind ';' or an encoded slash",
    );
  });

  it('keeps the queries of both, the base first, and a bare origin', () => {
    expect(appendPath(new URL('http://h/a/?k=v'), '/b?x=1')).toBe('http://h/a/b?k=v&x=1');
    expect(appendPath(new URL('http://h'), '/b')).toBe('http://h/b');
    expect(appendPath(new URL('http://app:8080?token=1'), '/x?y=2')).toBe('http://app:8080/x?token=1&y=2');
    expect(appendPath(new URL('http://h'), '/x/..')).toBe('http://h/');
    expect(() => appendPath(new URL('http://h'), '/..')).toThrow('the path climbs out of /');
  });
});
