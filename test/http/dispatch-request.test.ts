import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../src/http/dispatch-request.js';
import { loadAgent } from '../../src/http/load-agent.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';

// The one HTTP client path of send, the inspector's replay and listen's forwarder, against a real
// server on port 0.
describe('dispatchRequest', () => {
  let target: HttpTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  async function exchange(body: string, limits: Parameters<typeof dispatchRequest>[2]) {
    target = await startHttpTarget([{ status: 201, headers: { 'X-App': 'yes', 'Retry-After': '3' }, body }]);
    const Agent = await loadAgent();
    const agent = new Agent();
    try {
      const url = new URL(target.url);
      return await dispatchRequest(
        agent,
        {
          origin: url.origin,
          path: '/hook?x=1',
          method: 'POST',
          headers: ['content-type', 'text/plain'],
          body: 'hi',
        },
        limits,
      );
    } finally {
      await agent.close();
    }
  }

  it("keeps the status, Retry-After and the body's first chunks (at least 1,024 bytes) by default", async () => {
    const response = await exchange('x'.repeat(1_000_000), {});
    expect(response.status).toBe(201);
    expect(response.retryAfter).toBe('3');
    expect(response.head.length).toBeGreaterThanOrEqual(1024);
    expect(response.head.length).toBeLessThan(1_000_000);
    expect(response.headers).toBeUndefined();
    expect(target?.requests[0]?.url).toBe('/hook?x=1');
    expect(target?.requests[0]?.body.toString()).toBe('hi');
  });

  it('with keepWhole, keeps every header as received and the whole body', async () => {
    const response = await exchange('y'.repeat(70_000), { keepWhole: { maxBytes: 100_000 } });
    expect(response.status).toBe(201);
    expect(response.head.toString()).toBe('y'.repeat(70_000));
    expect(response.tooLarge).toBeUndefined();
    expect(response.headers).toContainEqual(['X-App', 'yes']);
    expect(response.headers).toContainEqual(['Retry-After', '3']);
  });

  it('with keepWhole, stops reading past maxBytes and says the body was too large', async () => {
    const response = await exchange('z'.repeat(70_000), { keepWhole: { maxBytes: 1000 } });
    expect(response).toMatchObject({ status: 201, tooLarge: true });
    expect(response.head.length).toBe(0);
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    controller.abort(reason);
    await expect(exchange('ok', { signal: controller.signal })).rejects.toBe(reason);
  });
});
