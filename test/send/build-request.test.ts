import { describe, expect, test } from 'vitest';
import { createRequestBuilder, type RequestFlags } from '../../src/send/build-request.js';
import type { Payload } from '../../src/send/read-payloads.js';

const buildRequest = (payload: Payload, flags: RequestFlags) => createRequestBuilder(flags).build(payload);

describe('createRequestBuilder', () => {
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
  test('orReason gives why a payload cannot be sent instead of throwing; one builder serves many payloads', () => {
    const builder = createRequestBuilder({
      to: new URL('http://127.0.0.1:1/in'),
      headers: [],
      dropHeaders: [],
    });
    expect(builder.orReason({ ...payload, path: '/../admin' })).toBe('the path climbs out of /in');
    const first = builder.build(payload);
    // The same header list again (raw payloads share one): the same headers, worked out once.
    expect(builder.build({ ...payload, path: '/other' }).headers).toBe(first.headers);
  });
});
