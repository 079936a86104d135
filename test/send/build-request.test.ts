import { describe, expect, test } from 'vitest';
import { appendPath, buildRequest } from '../../src/send/build-request.js';
import type { Payload } from '../../src/send/read-payloads.js';

describe('appendPath', () => {
  const to = new URL('http://127.0.0.1:3000/hooks');
  test.each([
    ['/', 'http://127.0.0.1:3000/hooks'],
    ['/github', 'http://127.0.0.1:3000/hooks/github'],
    ['/github?x=1', 'http://127.0.0.1:3000/hooks/github?x=1'],
    ['/?x=1', 'http://127.0.0.1:3000/hooks?x=1'],
  ])('%s', (suffix, expected) => {
    expect(appendPath(to, suffix)).toBe(expected);
  });
  test('a trailing slash on --to and queries on both', () => {
    expect(appendPath(new URL('http://h/a/?k=v'), '/b?x=1')).toBe('http://h/a/b?k=v&x=1');
    expect(appendPath(new URL('http://h'), '/b')).toBe('http://h/b');
  });
});

describe('buildRequest', () => {
  const payload: Payload = {
    kind: 'payload',
    input: 'c.json',
    reference: { path: '/c.json' },
    method: 'PUT',
    path: '/gh',
    headers: [
      ['Host', 'example.org'],
      ['Content-Length', '2'],
      ['Connection', 'keep-alive, X-Conn-Only'],
      ['X-Conn-Only', '1'],
      ['Transfer-Encoding', 'chunked'],
      ['Keep-Alive', 'timeout=5'],
      ['Upgrade', 'h2c'],
      ['TE', 'trailers'],
      ['Proxy-Authorization', 'Basic x'],
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'push'],
      ['X-Trace', 'a'],
      ['x-trace', 'b'],
    ],
    body: Buffer.from('{}'),
  };
  test('drops hop-by-hop, Host and Content-Length; keeps the rest in order', () => {
    const request = buildRequest(payload, {
      to: new URL('http://127.0.0.1:1/in'),
      headers: [],
      dropHeaders: [],
    });
    expect(request).toEqual({
      method: 'PUT',
      url: 'http://127.0.0.1:1/in/gh',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'push'],
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
      ],
      body: payload.body,
    });
  });
  test('-X, -H replaces every header of its name, --drop-header removes', () => {
    const request = buildRequest(payload, {
      to: new URL('http://127.0.0.1:1/in'),
      method: 'POST',
      headers: [['x-github-event', 'ping']],
      dropHeaders: ['X-TRACE'],
    });
    expect(request.method).toBe('POST');
    expect(request.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['x-github-event', 'ping'],
    ]);
  });
});
