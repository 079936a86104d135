import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { type Inspector, type ReplayRequest, startInspector } from '../../src/inspector/start-inspector.js';
import { makeDelivery, openEventStream, rawRequest } from './inspector-fixtures.js';

const open: Inspector[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((inspector) => inspector.close()));
});

const okReplay = async () => ({ ok: true, status: 200, attempts: 1, ms: 3 });

async function start(options: Partial<Parameters<typeof startInspector>[0]> = {}) {
  const inspector = await startInspector({
    host: '127.0.0.1',
    port: 0,
    historyLimit: 500,
    replay: okReplay,
    forwardUrl: 'http://127.0.0.1:3000/hook',
    ...options,
  });
  open.push(inspector);
  return inspector;
}

function sameOrigin(inspector: Inspector): Record<string, string> {
  return {
    'content-type': 'application/json',
    origin: `http://127.0.0.1:${inspector.port}`,
    'sec-fetch-site': 'same-origin',
  };
}

function replayUrl(inspector: Inspector, id: string): string {
  return `${inspector.url}api/deliveries/${encodeURIComponent(id)}/replay`;
}

describe('startInspector', () => {
  it('serves the page, its script and stylesheet with a strict policy and no CORS headers', async () => {
    const inspector = await start();
    expect(inspector.url).toBe(`http://127.0.0.1:${inspector.port}/`);
    const page = await rawRequest(inspector.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script type="module" src="/app.js"></script>');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'; /);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const script = await rawRequest(`${inspector.url}app.js`);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('new EventSource');
    expect(script.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    const style = await rawRequest(`${inspector.url}style.css`);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.body).toContain('prefers-color-scheme: dark');
    // Nothing outside the fixed list is served: no path reaches the file system.
    expect((await rawRequest(`${inspector.url}..%2Fpackage.json`)).status).toBe(404);
    expect((await rawRequest(`${inspector.url}index.html/../../package.json`)).status).toBe(404);
  });

  it('lists deliveries newest first with their marks, and answers the detail with body text', async () => {
    const first = makeDelivery({ json: { action: 'opened', n: 1 } });
    const second = makeDelivery({
      json: { action: 'opened', n: 2 },
      signature: {
        scheme: 'github',
        ok: false,
        reason: 'mismatch',
        detail: 'no secret matched X-Hub-Signature-256',
      },
      validation: {
        schema: 'github:issues$opened',
        ok: false,
        errors: [{ pointer: '/issue/title', message: 'must be string' }],
      },
      forward: { url: 'http://localhost:3000/hook', status: 500, ms: 12, error: null, body: 'boom' },
      route: { path: '/webhook', events: ['issues'] },
    });
    const inspector = await start({ initial: [first] });
    inspector.publish(second);
    const list = await rawRequest(`${inspector.url}api/deliveries`);
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('application/json; charset=utf-8');
    const { deliveries, limit, forwardUrl } = list.json();
    expect(limit).toBe(500);
    expect(forwardUrl).toBe('http://127.0.0.1:3000/hook');
    expect(deliveries.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    expect(deliveries[0]).toMatchObject({
      method: 'POST',
      path: '/webhook',
      event: 'issues.opened',
      size: second.body.length,
      signature: { scheme: 'github', ok: false, reason: 'mismatch' },
      validation: { ok: false, errorCount: 1 },
      forward: { status: 500, ok: false, error: null },
      failed: true,
    });
    expect(deliveries[1]).toMatchObject({ failed: false, forward: null });

    const detail = (await rawRequest(`${inspector.url}api/deliveries/${second.id}`)).json();
    expect(detail.headers).toEqual(second.headers);
    expect(detail.body).toMatchObject({ kind: 'json', encoding: 'utf8', text: '{"action":"opened","n":2}' });
    expect(detail.signatureDetail.detail).toBe('no secret matched X-Hub-Signature-256');
    expect(detail.validationDetail.errors).toEqual([{ pointer: '/issue/title', message: 'must be string' }]);
    expect(detail.forwardDetail).toMatchObject({ status: 500, body: 'boom' });
    expect(detail.route).toEqual({ path: '/webhook', events: ['issues'] });

    const missing = await rawRequest(`${inspector.url}api/deliveries/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: 'this delivery is no longer in the history' });
  });

  it('shows gzip bodies decoded and bodies that are not UTF-8 as base64', async () => {
    const text = JSON.stringify({ type: 'invoice.paid', amount: 42 });
    const gzipped = makeDelivery({
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
      ],
      body: gzipSync(text),
      content: { kind: 'json', text, value: JSON.parse(text) },
    });
    const binary = makeDelivery({
      headers: [['Content-Type', 'application/octet-stream']],
      body: Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    });
    const inspector = await start({ initial: [gzipped, binary] });
    const zipped = (await rawRequest(`${inspector.url}api/deliveries/${gzipped.id}`)).json();
    expect(zipped.body).toMatchObject({
      encoding: 'utf8',
      text,
      decodedFrom: 'gzip',
      size: gzipped.body.length,
    });
    const raw = (await rawRequest(`${inspector.url}api/deliveries/${binary.id}`)).json();
    expect(raw.body).toMatchObject({ kind: 'binary', encoding: 'base64', text: '//4AAQ==', jsonText: null });
  });

  it('streams a published delivery to an open event stream, after a snapshot of the history', async () => {
    const initial = makeDelivery();
    const inspector = await start({ initial: [initial] });
    const stream = openEventStream(`${inspector.url}api/events`);
    try {
      await stream.ready;
      expect(stream.contentType()).toBe('text/event-stream; charset=utf-8');
      const snapshot = await stream.next('snapshot');
      expect(snapshot.data.deliveries.map((item: { id: string }) => item.id)).toEqual([initial.id]);
      const fresh = makeDelivery({ path: '/hooks/stripe', event: 'invoice.paid' });
      inspector.publish(fresh);
      const event = await stream.next('delivery');
      expect(event.data).toMatchObject({
        delivery: { id: fresh.id, path: '/hooks/stripe', event: 'invoice.paid' },
        dropped: [],
      });
    } finally {
      stream.close();
    }
  });

  it('keeps at most historyLimit deliveries, dropping the oldest and telling open pages', async () => {
    const [a, b, c] = [makeDelivery(), makeDelivery(), makeDelivery()];
    const inspector = await start({ historyLimit: 2, initial: [a!, b!] });
    const stream = openEventStream(`${inspector.url}api/events`);
    try {
      await stream.next('snapshot');
      inspector.publish(c!);
      expect((await stream.next('delivery')).data.dropped).toEqual([a!.id]);
    } finally {
      stream.close();
    }
    const ids = (await rawRequest(`${inspector.url}api/deliveries`))
      .json()
      .deliveries.map((d: { id: string }) => d.id);
    expect(ids).toEqual([c!.id, b!.id]);
    expect((await rawRequest(`${inspector.url}api/deliveries/${a!.id}`)).status).toBe(404);
  });

  it('replays through the injected engine and returns its result', async () => {
    const delivery = makeDelivery();
    const replay = vi.fn(async (_request: ReplayRequest) => ({
      ok: true,
      status: 202,
      attempts: 2,
      ms: 31,
      responseBodyFirstLine: 'accepted',
    }));
    const inspector = await start({ initial: [delivery], replay });
    const response = await rawRequest(replayUrl(inspector, delivery.id), {
      method: 'POST',
      headers: sameOrigin(inspector),
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      status: 202,
      attempts: 2,
      ms: 31,
      responseBodyFirstLine: 'accepted',
    });
    expect(replay).toHaveBeenCalledTimes(1);
    const call = replay.mock.calls[0]![0];
    expect(call.deliveryId).toBe(delivery.id);
    const { content: _content, ...held } = delivery;
    expect(call.delivery).toEqual(held);
    expect(call.url).toBeUndefined();
    expect(call.body).toBeUndefined();
  });

  it('passes an edited body and a typed URL to the replay engine', async () => {
    const delivery = makeDelivery();
    const replay = vi.fn(okReplay);
    const inspector = await start({ initial: [delivery], replay });
    const edited = '{"action":"closed","note":"é"}';
    const response = await rawRequest(replayUrl(inspector, delivery.id), {
      method: 'POST',
      headers: sameOrigin(inspector),
      body: JSON.stringify({ url: 'http://localhost:4000/other', body: edited }),
    });
    expect(response.status).toBe(200);
    const call = (replay.mock.calls[0] as unknown as [ReplayRequest])[0];
    expect(call.url).toBe('http://localhost:4000/other');
    expect(call.body).toEqual(Buffer.from(edited, 'utf8'));

    const binary = await rawRequest(replayUrl(inspector, delivery.id), {
      method: 'POST',
      headers: sameOrigin(inspector),
      body: JSON.stringify({ body: '//4AAQ==', bodyEncoding: 'base64' }),
    });
    expect(binary.status).toBe(200);
    expect((replay.mock.calls[1] as unknown as [ReplayRequest])[0].body).toEqual(
      Buffer.from([0xff, 0xfe, 0, 1]),
    );
  });

  it('refuses replay requests it cannot act on, with a message', async () => {
    const delivery = makeDelivery();
    const replay = vi.fn(okReplay);
    const inspector = await start({ initial: [delivery], replay, forwardUrl: null });
    const post = (body: string) =>
      rawRequest(replayUrl(inspector, delivery.id), { method: 'POST', headers: sameOrigin(inspector), body });
    const cases: Array<[string, number, string]> = [
      ['{}', 400, 'type a URL to replay to (listen has no --forward-to target)'],
      ['not json', 400, 'the request body must be JSON'],
      ['[1]', 400, 'the request body must be a JSON object'],
      ['{"url":"file:///etc/passwd"}', 400, '"file:///etc/passwd" is not an http:// or https:// URL'],
      ['{"url":"nope"}', 400, '"nope" is not a URL'],
      ['{"url":"http://x.test","body":5}', 400, '"body" must be a string'],
      [
        '{"url":"http://x.test","body":"","bodyEncoding":"hex"}',
        400,
        '"bodyEncoding" must be "utf8" or "base64"',
      ],
    ];
    for (const [body, status, message] of cases) {
      const response = await post(body);
      expect([response.status, response.json().error]).toEqual([status, message]);
    }
    expect(replay).not.toHaveBeenCalled();
    const gone = await rawRequest(replayUrl(inspector, 'gone'), {
      method: 'POST',
      headers: sameOrigin(inspector),
      body: '{"url":"http://x.test"}',
    });
    expect([gone.status, gone.json().error]).toEqual([404, 'this delivery is no longer in the history']);
    const get = await rawRequest(replayUrl(inspector, delivery.id));
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
  });

  it('reports a failing replay engine as an error, not a crash', async () => {
    const delivery = makeDelivery();
    const inspector = await start({
      initial: [delivery],
      replay: async () => {
        throw new Error('socket hang up');
      },
    });
    const response = await rawRequest(replayUrl(inspector, delivery.id), {
      method: 'POST',
      headers: sameOrigin(inspector),
      body: '{}',
    });
    expect([response.status, response.json()]).toEqual([500, { error: 'socket hang up' }]);
  });

  describe('same-origin guard', () => {
    it.each([
      [
        'a foreign Origin',
        { origin: 'http://evil.example' },
        'cross-origin request refused (Origin: http://evil.example)',
      ],
      ['no Origin', { origin: undefined }, 'replay requests must carry an Origin header'],
      [
        'a cross-site fetch',
        { 'sec-fetch-site': 'cross-site' },
        'cross-site request refused (Sec-Fetch-Site: cross-site)',
      ],
      [
        'a form post',
        { 'content-type': 'text/plain' },
        'replay requests must have Content-Type: application/json',
      ],
      [
        'another port',
        { origin: 'http://127.0.0.1:1' },
        'cross-origin request refused (Origin: http://127.0.0.1:1)',
      ],
    ])('refuses replay with %s (403)', async (_name, change, message) => {
      const delivery = makeDelivery();
      const replay = vi.fn(okReplay);
      const inspector = await start({ initial: [delivery], replay });
      const headers: Record<string, string> = { ...sameOrigin(inspector) };
      for (const [name, value] of Object.entries(change)) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      const response = await rawRequest(replayUrl(inspector, delivery.id), {
        method: 'POST',
        headers,
        body: '{}',
      });
      expect([response.status, response.json()]).toEqual([403, { error: message }]);
      expect(replay).not.toHaveBeenCalled();
    });

    it('refuses every request whose Host is not the inspector (DNS rebinding)', async () => {
      const delivery = makeDelivery();
      const replay = vi.fn(okReplay);
      const inspector = await start({ initial: [delivery], replay });
      const evil = { host: `evil.example:${inspector.port}` };
      for (const path of ['', 'app.js', 'api/deliveries', `api/deliveries/${delivery.id}`, 'api/events']) {
        const response = await rawRequest(`${inspector.url}${path}`, { headers: evil });
        expect([path, response.status, response.json()]).toEqual([
          path,
          403,
          { error: `the inspector does not answer to Host "evil.example:${inspector.port}"` },
        ]);
      }
      const replayed = await rawRequest(replayUrl(inspector, delivery.id), {
        method: 'POST',
        headers: { ...sameOrigin(inspector), ...evil, origin: `http://evil.example:${inspector.port}` },
        body: '{}',
      });
      expect(replayed.status).toBe(403);
      expect(replay).not.toHaveBeenCalled();
      // The names of the loopback address itself are fine.
      for (const host of [`localhost:${inspector.port}`, `127.0.0.1:${inspector.port}`]) {
        expect((await rawRequest(`${inspector.url}api/deliveries`, { headers: { host } })).status).toBe(200);
      }
    });

    it('refuses reads of the API from other sites but not the page itself', async () => {
      const inspector = await start({ initial: [makeDelivery()] });
      const crossSite = { 'sec-fetch-site': 'cross-site' };
      const api = await rawRequest(`${inspector.url}api/deliveries`, { headers: crossSite });
      expect([api.status, api.json().error]).toEqual([
        403,
        'cross-site request refused (Sec-Fetch-Site: cross-site)',
      ]);
      expect((await rawRequest(inspector.url, { headers: crossSite })).status).toBe(200);
      expect(
        (await rawRequest(`${inspector.url}api/deliveries`, { headers: { 'sec-fetch-site': 'none' } }))
          .status,
      ).toBe(200);
    });
  });

  it('downloads a delivery as a capture file that parses back to the same bytes', async () => {
    const body = gzipSync('{"a":1}');
    const delivery = makeDelivery({
      id: 'cap/../x y',
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
      ],
      body,
      content: { kind: 'json', text: '{"a":1}', value: { a: 1 } },
      remoteAddress: '127.0.0.1',
    });
    const inspector = await start({ initial: [delivery] });
    const response = await rawRequest(
      `${inspector.url}api/deliveries/${encodeURIComponent(delivery.id)}/capture`,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="cap_.._x_y.json"');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const capture = parseCapture(response.body, 'download');
    expect(capture).toEqual({
      id: delivery.id,
      receivedAt: delivery.receivedAt,
      method: 'POST',
      path: '/webhook',
      headers: delivery.headers,
      body,
      remoteAddress: '127.0.0.1',
    });
  });

  it('returns HTML in payloads as JSON data, never as markup', async () => {
    const nasty = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const delivery = makeDelivery({
      path: `/hook?<script>alert(3)</script>`,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Evil', nasty],
      ],
      json: { title: nasty },
      event: nasty,
    });
    const inspector = await start({ initial: [delivery] });
    const page = await rawRequest(inspector.url);
    expect(page.body).not.toContain('alert(');
    for (const path of ['api/deliveries', `api/deliveries/${delivery.id}`]) {
      const response = await rawRequest(`${inspector.url}${path}`);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body).toContain('<script>alert(2)</script>');
    }
    const detail = (await rawRequest(`${inspector.url}api/deliveries/${delivery.id}`)).json();
    expect(JSON.parse(detail.body.text).title).toBe(nasty);
  });

  it('searches bodies, headers and paths for the text filter', async () => {
    const a = makeDelivery({ json: { action: 'opened', customer: 'Ada Lovelace' } });
    const b = makeDelivery({ path: '/hooks/shop', json: { action: 'opened' } });
    const inspector = await start({ initial: [a, b] });
    const search = async (q: string) =>
      (await rawRequest(`${inspector.url}api/deliveries?q=${encodeURIComponent(q)}`))
        .json()
        .deliveries.map((item: { id: string }) => item.id);
    expect(await search('lovelace')).toEqual([a.id]);
    expect(await search('/hooks/SHOP')).toEqual([b.id]);
    expect(await search('x-github-delivery')).toEqual([b.id, a.id]);
    expect(await search('nothing like this')).toEqual([]);
  });

  it('compares the bodies of two deliveries', async () => {
    const a = makeDelivery({
      json: { action: 'opened', issue: { title: 'old', labels: ['bug'] }, gone: true },
    });
    const b = makeDelivery({
      json: { action: 'opened', issue: { title: 'new', labels: ['bug', 'ui'] }, added: 1 },
    });
    const inspector = await start({ initial: [a, b] });
    const diff = (await rawRequest(`${inspector.url}api/diff?from=${a.id}&to=${b.id}`)).json();
    expect(diff).toEqual({
      from: a.id,
      to: b.id,
      sameEvent: true,
      truncated: false,
      changes: [
        { pointer: '/issue/title', kind: 'changed', before: 'old', after: 'new' },
        { pointer: '/issue/labels/1', kind: 'added', after: 'ui' },
        { pointer: '/gone', kind: 'removed', before: true },
        { pointer: '/added', kind: 'added', after: 1 },
      ],
    });
    const text = makeDelivery({ headers: [['Content-Type', 'text/plain']], body: Buffer.from('hello') });
    inspector.publish(text);
    const refused = await rawRequest(`${inspector.url}api/diff?from=${a.id}&to=${text.id}`);
    expect([refused.status, refused.json().error]).toEqual([
      422,
      'both deliveries need a JSON body to compare',
    ]);
  });

  it('binds loopback only and explains a busy --ui-port', async () => {
    await expect(
      startInspector({ host: '0.0.0.0', port: 0, historyLimit: 5, replay: okReplay }),
    ).rejects.toThrow('the inspector listens on loopback addresses only, not 0.0.0.0');
    const first = await start();
    await expect(start({ port: first.port })).rejects.toThrow(`--ui-port ${first.port} is already in use`);
  });

  it('closes open event streams when it closes', async () => {
    const inspector = await startInspector({ host: '127.0.0.1', port: 0, historyLimit: 5, replay: okReplay });
    const stream = openEventStream(`${inspector.url}api/events`);
    await stream.next('snapshot');
    await inspector.close();
    await expect(rawRequest(inspector.url)).rejects.toThrow(/ECONNREFUSED/);
    stream.close();
  });
});
