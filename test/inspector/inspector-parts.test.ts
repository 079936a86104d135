import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaptureWriter } from '../../src/capture/capture-writer.js';
import { captureDownloadName } from '../../src/inspector/capture-from-delivery.js';
import { deliveryMatchesText, isFailedDelivery } from '../../src/inspector/delivery-view.js';
import { createHistoryStore, heldSize, withoutContent } from '../../src/inspector/history-store.js';
import { diffJson } from '../../src/inspector/json-diff.js';
import { loadSavedCaptures } from '../../src/inspector/load-saved-captures.js';
import { checkHost, checkStateChangingRequest } from '../../src/inspector/same-origin-guard.js';
import { makeDelivery } from './inspector-fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('createHistoryStore', () => {
  it('drops the oldest beyond the limit and replaces a delivery published again', () => {
    const store = createHistoryStore(2);
    const [a, b, c] = [makeDelivery(), makeDelivery(), makeDelivery()];
    expect(store.add(a!)).toEqual([]);
    expect(store.add(b!)).toEqual([]);
    expect(store.add(c!)).toEqual([a!.id]);
    expect(store.list().map((d) => d.id)).toEqual([b!.id, c!.id]);
    const updated = { ...b!, response: { status: 500 } };
    expect(store.add(updated)).toEqual([]);
    expect(store.get(b!.id)).toMatchObject({ id: b!.id, response: { status: 500 } });
    expect(store.get(a!.id)).toBeUndefined();
    expect(() => createHistoryStore(0)).toThrow('history limit must be a positive integer');
  });

  it('keeps no decoded text or parsed tree, only the raw body', () => {
    const store = createHistoryStore(10);
    const delivery = makeDelivery({ json: { big: [{}, {}, {}] } });
    store.add(delivery);
    const held = store.get(delivery.id)!;
    expect('content' in held).toBe(false);
    expect(held.body).toBe(delivery.body);
  });

  it('drops the oldest once the deliveries weigh more than the byte limit, keeping the newest', () => {
    const body = Buffer.alloc(10_000, 'x');
    const headers: Array<[string, string]> = [['Content-Type', 'text/plain']];
    const one = heldSize(withoutContent(makeDelivery({ body, headers })));
    const store = createHistoryStore(500, 3 * one + 10);
    const deliveries = Array.from({ length: 5 }, () => makeDelivery({ body, headers }));
    const dropped = deliveries.flatMap((delivery) => store.add(delivery));
    expect(dropped).toEqual([deliveries[0]!.id, deliveries[1]!.id]);
    expect(store.list().map((d) => d.id)).toEqual(deliveries.slice(2).map((d) => d.id));
    expect(store.bytes()).toBe(3 * one);
    // One delivery over the whole budget is still shown, alone.
    const huge = makeDelivery({ body: Buffer.alloc(100_000) });
    expect(store.add(huge)).toHaveLength(3);
    expect(store.list().map((d) => d.id)).toEqual([huge.id]);
    expect(() => createHistoryStore(5, 0)).toThrow('history byte limit must be at least 1');
  });
});

describe('diffJson', () => {
  it('lists added, removed and changed paths with escaped pointers', () => {
    expect(
      diffJson({ 'a/b': 1, 'c~': [1, 2], same: { x: 1 } }, { 'a/b': 2, 'c~': [1], same: { x: 1 }, n: null }),
    ).toEqual({
      changes: [
        { pointer: '/a~1b', kind: 'changed', before: 1, after: 2 },
        { pointer: '/c~0/1', kind: 'removed', before: 2 },
        { pointer: '/n', kind: 'added', after: null },
      ],
      truncated: false,
    });
  });

  it('reports a change of type as one change and the root as the empty pointer', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } }).changes).toEqual([
      { pointer: '/a', kind: 'changed', before: [1], after: { 0: 1 } },
    ]);
    expect(diffJson(1, 'one').changes).toEqual([{ pointer: '', kind: 'changed', before: 1, after: 'one' }]);
    expect(diffJson({ a: 1 }, { a: 1 })).toEqual({ changes: [], truncated: false });
  });

  it('stops after maxChanges and says so', () => {
    const before = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const diff = diffJson(before, {}, 3);
    expect(diff.changes.map((change) => change.pointer)).toEqual(['/k0', '/k1', '/k2']);
    expect(diff.truncated).toBe(true);
  });
});

describe('same-origin guard', () => {
  const hosts = new Set(['127.0.0.1:4041']);
  it('accepts the inspector page and names what is wrong otherwise', () => {
    const good = {
      host: '127.0.0.1:4041',
      origin: 'http://127.0.0.1:4041',
      'content-type': 'application/json; charset=utf-8',
      'sec-fetch-site': 'same-origin',
    };
    expect(checkHost(good, hosts)).toEqual({ ok: true });
    expect(checkStateChangingRequest(good)).toEqual({ ok: true });
    expect(checkHost({}, hosts)).toEqual({ ok: false, message: 'the inspector does not answer to Host ""' });
    // Older browsers send no Sec-Fetch-Site: Origin alone decides.
    expect(checkStateChangingRequest({ ...good, 'sec-fetch-site': undefined })).toEqual({ ok: true });
    expect(checkStateChangingRequest({ ...good, origin: 'null' })).toEqual({
      ok: false,
      message: 'cross-origin request refused (Origin: null)',
    });
    expect(checkStateChangingRequest({ ...good, 'sec-fetch-site': 'same-site' })).toEqual({
      ok: false,
      message: 'cross-site request refused (Sec-Fetch-Site: same-site)',
    });
  });
});

describe('delivery checks and search', () => {
  it('counts a delivery as failed when any check failed or the listener refused it', () => {
    expect(isFailedDelivery(makeDelivery())).toBe(false);
    expect(isFailedDelivery(makeDelivery({ accepted: false, response: { status: 404 } }))).toBe(true);
    expect(
      isFailedDelivery(makeDelivery({ signature: { scheme: 'stripe', ok: false, reason: 'mismatch' } })),
    ).toBe(true);
    const forward = { url: 'http://localhost:3000', ms: 3, error: null };
    expect(isFailedDelivery(makeDelivery({ forward: { ...forward, status: 204 } }))).toBe(false);
    expect(isFailedDelivery(makeDelivery({ forward: { ...forward, status: 302 } }))).toBe(true);
    expect(
      isFailedDelivery(makeDelivery({ forward: { ...forward, status: null, error: 'ECONNREFUSED' } })),
    ).toBe(true);
  });

  it('matches text in check messages too', () => {
    const delivery = makeDelivery({
      validation: { schema: 's', ok: false, errors: [{ pointer: '/amount', message: 'must be integer' }] },
    });
    expect(deliveryMatchesText(delivery, 'MUST BE INTEGER')).toBe(true);
    expect(deliveryMatchesText(delivery, 'must be string')).toBe(false);
  });

  it('makes download names that cannot escape the header', () => {
    expect(captureDownloadName('20260101T000000000Z-000001-ab12')).toBe(
      '20260101T000000000Z-000001-ab12.json',
    );
    expect(captureDownloadName('a"b\r\nc')).toBe('a_b__c.json');
    expect(captureDownloadName('...')).toBe('delivery.json');
  });
});

describe('loadSavedCaptures', () => {
  it('reads the captures of a --save directory oldest first, skipping temp and broken files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inspector-'));
    dirs.push(dir);
    const writer = await openCaptureWriter(dir);
    const later = await writer.write({
      id: 'second',
      receivedAt: '2026-01-01T10:00:01.000Z',
      method: 'POST',
      path: '/hook',
      headers: [
        ['X-GitHub-Event', 'issues'],
        ['X-GitHub-Delivery', 'gh-1'],
        ['Content-Type', 'application/json'],
      ],
      body: Buffer.from('{"action":"opened"}'),
    });
    const earlier = await writer.write({
      id: 'first',
      receivedAt: '2026-01-01T10:00:00.000Z',
      method: 'POST',
      path: '/stripe',
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from('{"id":"evt_1","type":"invoice.paid"}'),
    });
    await writeFile(join(dir, '.tmp-20260101T100002000Z-000003-zz.json'), '{');
    await writeFile(join(dir, 'notes.txt'), 'not a capture');
    await writeFile(join(dir, 'broken.json'), '{"nope":1}');
    const skipped: string[] = [];
    const deliveries = await loadSavedCaptures(dir, { onSkip: (path) => skipped.push(path) });
    expect(skipped).toEqual([join(dir, 'broken.json')]);
    expect(deliveries.map((d) => [d.id, d.event, d.deliveryId, d.savedTo])).toEqual([
      ['first', 'invoice.paid', 'evt_1', earlier],
      ['second', 'issues.opened', 'gh-1', later],
    ]);
    expect(deliveries[0]).toMatchObject({
      signature: null,
      validation: null,
      forward: null,
      response: { status: 0 },
      accepted: true,
    });
    expect(deliveries[0]).not.toHaveProperty('content');
    expect((await loadSavedCaptures(dir, { limit: 1 })).map((d) => d.id)).toEqual(['second']);
    expect(await loadSavedCaptures(join(dir, 'missing'))).toEqual([]);
  });
});
