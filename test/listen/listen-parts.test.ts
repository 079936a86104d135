import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseResponse, type ResponsePlan } from '../../src/listen/choose-response.js';
import { forwardedHeaders } from '../../src/listen/create-forwarder.js';
import { createDecodeBudget } from '../../src/listen/decode-budget.js';
import { createEventLimit } from '../../src/listen/event-limit.js';
import { forwardUrl } from '../../src/listen/forward-url.js';
import { payloadOf, readContent } from '../../src/listen/read-content.js';
import { requestPath } from '../../src/listen/request-path.js';

describe('forwardUrl', () => {
  const app = new URL('http://localhost:3000/api/hooks');
  it.each([
    ['/', '/', 'http://localhost:3000/api/hooks'],
    ['/github?x=1', '/', 'http://localhost:3000/api/hooks/github?x=1'],
    ['/webhook', '/webhook', 'http://localhost:3000/api/hooks'],
    ['/webhook/stripe/live?a=b', '/webhook', 'http://localhost:3000/api/hooks/stripe/live?a=b'],
    ['/webhook?a=b', '/webhook/', 'http://localhost:3000/api/hooks?a=b'],
  ])('%s under --path %s → %s', (target, mount, expected) => {
    expect(forwardUrl(app, target, mount)).toBe(expected);
  });
  it('keeps the query of --forward-to and a bare origin', () => {
    expect(forwardUrl(new URL('http://app:8080?token=1'), '/x?y=2')).toBe('http://app:8080/x?token=1&y=2');
    expect(forwardUrl(new URL('http://app:8080'), '/')).toBe('http://app:8080/');
  });
});

describe('forwardedHeaders', () => {
  it('drops hop-by-hop headers, those named in Connection, Host and Content-Length; keeps order and duplicates', () => {
    expect(
      forwardedHeaders([
        ['Host', 'localhost:9876'],
        ['Connection', 'keep-alive, X-Private'],
        ['X-Private', '1'],
        ['Transfer-Encoding', 'chunked'],
        ['X-A', '1'],
        ['Content-Length', '10'],
        ['x-a', '2'],
        ['Keep-Alive', 'timeout=5'],
        ['Upgrade', 'h2c'],
        ['Proxy-Authorization', 'x'],
        ['Authorization', 'Bearer t'],
      ]),
    ).toEqual(['X-A', '1', 'x-a', '2', 'Authorization', 'Bearer t']);
  });
});

describe('chooseResponse', () => {
  const plan: ResponsePlan = {
    statuses: [500, 200],
    body: Buffer.from('ok'),
    headers: [['X-A', '1']],
    delayMs: 10,
    rejectInvalid: true,
  };
  const none = { signature: null, validation: null, handshake: null };
  it('plays the script, the last status repeating', () => {
    expect([0, 1, 2].map((index) => chooseResponse(plan, index, none).status)).toEqual([500, 200, 200]);
    expect(chooseResponse(plan, 0, none)).toMatchObject({
      headers: [['X-A', '1']],
      delayMs: 10,
      forwardable: true,
    });
  });
  it('rejects a failed signature (401) before a handshake, and an invalid payload (422)', () => {
    const badSignature = { scheme: 'slack', ok: false, reason: 'mismatch' as const };
    const handshake = {
      name: 'slack url_verification',
      provider: 'slack',
      signed: true,
      response: {
        status: 200,
        headers: [['Content-Type', 'text/plain; charset=utf-8']] as [string, string][],
        body: 'c',
      },
    };
    expect(chooseResponse(plan, 0, { ...none, signature: badSignature, handshake }).status).toBe(401);
    expect(chooseResponse(plan, 0, { ...none, handshake })).toMatchObject({
      status: 200,
      body: 'c',
      forwardable: false,
    });
    const invalid = { schema: 's', ok: false, errors: [{ pointer: '/a', message: 'bad' }] };
    const rejected = chooseResponse(plan, 0, { ...none, validation: invalid });
    expect(rejected.status).toBe(422);
    expect(JSON.parse(String(rejected.body)).errors).toEqual([{ pointer: '/a', message: 'bad' }]);
    expect(
      chooseResponse({ ...plan, rejectInvalid: false }, 1, { ...none, validation: invalid }).status,
    ).toBe(200);
  });
});

describe('readContent', () => {
  it('decodes gzip for display, and reports a body that is not gzip or expands past the cap', async () => {
    const json = '{"a":1}';
    const gz = [['Content-Encoding', 'gzip'] as [string, string]];
    expect(await readContent(gzipSync(json), gz, 1000)).toEqual({
      kind: 'json',
      text: json,
      value: { a: 1 },
    });
    expect(await readContent(Buffer.from('plain'), gz, 1000)).toMatchObject({
      kind: 'binary',
      decodeError: expect.stringMatching(/^cannot decode gzip: /),
    });
    expect(await readContent(gzipSync(Buffer.alloc(5000)), gz, 1000)).toMatchObject({
      decodeError: 'decoded body is larger than 1000 bytes',
    });
    expect(await readContent(Buffer.from('x'), [['Content-Encoding', 'zstd']], 1000)).toMatchObject({
      decodeError: 'unknown Content-Encoding zstd',
    });
  });
  it('says why a body cannot be validated', async () => {
    const why = async (body: string, type: string) => {
      const result = payloadOf(await readContent(Buffer.from(body), [['Content-Type', type]], 1000));
      return result.ok ? 'ok' : result.why;
    };
    expect(await why('{"a":', 'application/json')).toMatch(/^the body is not valid JSON: /);
    expect(await why('hello', 'text/plain')).toBe('the body is text, not JSON');
    expect(await why('a=1', 'application/x-www-form-urlencoded')).toBe(
      'the body is a form without a JSON payload field, not JSON',
    );
    expect(await why('payload=%7B%7D', 'application/x-www-form-urlencoded')).toBe('ok');
  });
});

describe('requestPath', () => {
  it.each([
    ['/hooks/a?x=1', '/hooks/a?x=1'],
    ['/', '/'],
    ['http://h/x%2F/../y?q=%zz', '/x%2F/../y?q=%zz'],
    ['HTTPS://proxy.example:8080/a', '/a'],
    ['http://h', '/'],
    ['http://h?q=1', '/?q=1'],
    ['http://[::1]:80/v6', '/v6'],
    ['http://h/p#frag', '/p'],
  ])('%s → %s', (target, path) => {
    expect(requestPath(target)).toBe(path);
  });

  it.each(['*', 'hooks', 'h:443', 'ftp://h/x', ''])('refuses %j', (target) => {
    expect(requestPath(target)).toBeNull();
  });
});

describe('createDecodeBudget', () => {
  it('grants in arrival order within the budget, gives back what a body did not use, never exceeds it', async () => {
    const budget = createDecodeBudget(100);
    const first = await budget.reserve(60);
    const granted: string[] = [];
    const second = budget.reserve(60).then((lease) => {
      granted.push('second');
      return lease;
    });
    const third = budget.reserve(30).then((lease) => {
      granted.push('third');
      return lease;
    });
    await Promise.resolve();
    // The third would fit, but waits behind the second: first come, first served.
    expect(granted).toEqual([]);
    expect(budget.inUse()).toBe(60);
    first.shrink(10);
    const [b, c] = await Promise.all([second, third]);
    expect(granted).toEqual(['second', 'third']);
    expect(budget.inUse()).toBe(100);
    expect(budget.peak()).toBe(100);
    first.release();
    b.release();
    c.release();
    c.release();
    expect(budget.inUse()).toBe(0);
    // One request larger than the whole budget gets the whole budget, not a deadlock.
    const huge = await budget.reserve(500);
    expect(huge.bytes).toBe(100);
    huge.release();
  });
});

describe('createEventLimit', () => {
  it('counts handled deliveries; released claims free their place', async () => {
    const limit = createEventLimit(2);
    let reached = false;
    void limit.reached.then(() => {
      reached = true;
    });
    const a = limit.claim();
    const b = limit.claim();
    expect(limit.full()).toBe(true);
    b.release();
    expect(limit.full()).toBe(false);
    const c = limit.claim();
    a.done();
    a.done();
    await Promise.resolve();
    expect(reached).toBe(false);
    c.done();
    await limit.reached;
    expect(reached).toBe(true);
    expect(createEventLimit(undefined).full()).toBe(false);
  });
});
