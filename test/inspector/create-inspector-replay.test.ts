import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createInspectorReplay, type InspectorReplay } from '../../src/inspector/create-inspector-replay.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { signWith } from '../helpers/signing.js';
import { ManualClock } from '../helpers/test-deps.js';
import { makeDelivery } from './inspector-fixtures.js';

const cleanup: Array<HttpTarget | InspectorReplay> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((item) => item.close()));
});

describe('createInspectorReplay', () => {
  it('sends the original bytes to the forward target (path kept) and retries a 503', async () => {
    const target = await startHttpTarget([{ status: 503 }, { status: 200, body: 'thanks\nmore' }]);
    const clock = new ManualClock();
    const engine = createInspectorReplay(
      { forwardTo: new URL(`${target.url}/app`), mountPath: '/webhook' },
      { clock, random: () => 0.5 },
    );
    cleanup.push(target, engine);
    const body = gzipSync('{"a":1}');
    const delivery = makeDelivery({
      path: '/webhook/github?x=1',
      headers: [
        ['Host', 'localhost:8080'],
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['Content-Length', String(body.length)],
        ['X-GitHub-Event', 'issues'],
      ],
      body,
    });
    const result = await engine.replay({ deliveryId: delivery.id, delivery });
    expect(result).toEqual({
      ok: true,
      status: 200,
      attempts: 2,
      ms: clock.sleeps[0],
      responseBodyFirstLine: 'thanks',
    });
    const [, second] = await target.waitForRequests(2);
    expect(second?.url).toBe('/app/github?x=1');
    expect(second?.body).toEqual(body);
    // Host and Content-Length belong to the new request; the rest is sent as captured.
    expect(second?.headers).toMatchObject({
      host: `127.0.0.1:${target.port}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': String(body.length),
      'x-github-event': 'issues',
    });
    expect(second?.rawHeaders.filter(([name]) => name.toLowerCase() === 'host')).toHaveLength(1);
  });

  it('re-signs an edited body for a typed URL and drops the old Content-Encoding', async () => {
    const target = await startHttpTarget();
    const engine = createInspectorReplay(
      { forwardTo: null, sign: signWith('github', "It's a Secret to Everybody") },
      { clock: new ManualClock(), random: () => 0 },
    );
    cleanup.push(target, engine);
    const delivery = makeDelivery({
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['X-Hub-Signature-256', 'sha256=stale'],
      ],
      body: gzipSync('{}'),
    });
    const edited = Buffer.from('Hello, World!');
    const result = await engine.replay({
      deliveryId: delivery.id,
      delivery,
      url: `${target.url}/typed`,
      body: edited,
    });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1 });
    const [request] = await target.waitForRequests(1);
    expect(request?.url).toBe('/typed');
    expect(request?.body.toString()).toBe('Hello, World!');
    expect(request?.headers['content-encoding']).toBeUndefined();
    const expected = createHmac('sha256', "It's a Secret to Everybody").update(edited).digest('hex');
    expect(request?.headers['x-hub-signature-256']).toBe(`sha256=${expected}`);
  });

  it('says where to replay when there is no forward target and no URL', async () => {
    const engine = createInspectorReplay({ forwardTo: null }, { clock: new ManualClock(), random: () => 0 });
    const delivery = makeDelivery();
    await expect(engine.replay({ deliveryId: delivery.id, delivery })).rejects.toThrow(
      'type a URL to replay to (listen has no --forward-to target)',
    );
  });

  it('reports a target that refuses connections after the retries', async () => {
    const target = await startHttpTarget();
    const url = `${target.url}/gone`;
    await target.close();
    const engine = createInspectorReplay(
      { forwardTo: null, retries: 1 },
      { clock: new ManualClock(), random: () => 0 },
    );
    cleanup.push(engine);
    const delivery = makeDelivery();
    const result = await engine.replay({ deliveryId: delivery.id, delivery, url });
    expect(result).toMatchObject({ ok: false, status: null, attempts: 2 });
    expect(result.error).toMatch(/refused/);
  });
});
