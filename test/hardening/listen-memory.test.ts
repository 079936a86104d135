import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../src/deps.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { DEFAULT_MAX_DECODED } from '../../src/listen/handle-delivery.js';
import { startListener } from '../../src/listen/start-listener.js';
import { spawnListen } from './listen-helpers.js';

const MB = 1024 * 1024;

/** A body that parses into far more memory than its bytes: `[{},{},…]`, about `size` bytes. */
function emptyObjects(size: number): Buffer {
  return Buffer.from(`[${'{},'.repeat(Math.floor(size / 3) - 1)}{}]`);
}

/** 100 bodies of ~17 KB that each inflate past the per-body cap (16 MB of zeros and more). */
const BOMB = gzipSync(Buffer.alloc(DEFAULT_MAX_DECODED + MB));

async function post(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
  const response = await request(url, { method: 'POST', body, headers });
  await response.body.dump();
  return response.statusCode;
}

/** The peak resident set of a process (Linux's VmHWM), in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

describe('listen: memory stays bounded whatever arrives (issue 12)', () => {
  it('100 simultaneous decompression bombs never hold more than the decoding budget at once', async () => {
    const listener = await startListener(
      {
        port: 0,
        host: '127.0.0.1',
        maxBody: MB,
        maxDecoding: 48 * MB,
        response: { statuses: [200], body: Buffer.alloc(0), headers: [], delayMs: 0, rejectInvalid: false },
      },
      { clock: realClock },
    );
    const seen: Delivery[] = [];
    listener.onDelivery((delivery) => seen.push(delivery));
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => post(listener.url, BOMB, { 'content-encoding': 'gzip' })),
    );
    await listener.close();
    expect(statuses).toEqual(Array(100).fill(200));
    expect(seen).toHaveLength(100);
    for (const delivery of seen) {
      expect(delivery.content).toMatchObject({
        kind: 'binary',
        decodeError: `decoded body is larger than ${16 * MB} bytes`,
      });
    }
    // Three bodies' worth of the 16 MB cap fit in 48 MB: never more were being decoded at once.
    expect(listener.decoding.total).toBe(48 * MB);
    expect(listener.decoding.peak()).toBeLessThanOrEqual(48 * MB);
    expect(listener.decoding.peak()).toBeGreaterThanOrEqual(16 * MB);
    expect(listener.decoding.inUse()).toBe(0);
  });

  describe.skipIf(process.platform !== 'linux')('the built CLI', () => {
    it('100 simultaneous decompression bombs keep the process under a fixed memory budget', async () => {
      const listener = await spawnListen(['--quiet']);
      const statuses = await Promise.all(
        Array.from({ length: 100 }, () => post(listener.url, BOMB, { 'content-encoding': 'gzip' })),
      );
      const peak = await peakRss(listener.child.pid as number);
      listener.child.kill('SIGINT');
      await listener.exited;
      expect(statuses).toEqual(Array(100).fill(200));
      // Without a budget across requests, 100 × 16 MB were held at once (1.6 GB). The budget is
      // 64 MB; the rest is Node itself, the bodies and zlib's buffers: a generous ceiling.
      expect(peak).toBeLessThan(400 * MB);
    });

    it('listen --ui survives 20 bodies of 1 MB of [{},{},…] and 5 brotli bodies decoding to 15 MB, in a 192 MB heap', {
      timeout: 90_000,
    }, async () => {
      // Before, each kept its decoded text and parsed tree (13 MB and 30 MB): the heap ran out.
      const listener = await spawnListen(
        ['--ui', '--quiet', '--ui-history-bytes', '8mb'],
        ['--max-old-space-size=192'],
      );
      const inspector = /Inspector: (http:\/\/\S+)/.exec(listener.stderr())?.[1] as string;
      const big = emptyObjects(MB - 16);
      const brotli = brotliCompressSync(Buffer.from(`{"s":"${'x'.repeat(15 * MB)}"}`), {
        params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push(
          await post(listener.url, brotli, { 'content-encoding': 'br', 'content-type': 'application/json' }),
        );
      }
      for (let i = 0; i < 20; i += 1) statuses.push(await post(listener.url, big));
      expect(statuses).toEqual(Array(25).fill(200));

      // The inspector still answers, holding the newest deliveries within --ui-history-bytes.
      const list = await request(`${inspector}api/deliveries`);
      const { deliveries } = (await list.body.json()) as { deliveries: Array<{ id: string; size: number }> };
      expect(deliveries.length).toBeGreaterThanOrEqual(6);
      expect(deliveries.length).toBeLessThanOrEqual(8);
      expect(deliveries.every((delivery) => delivery.size === big.length)).toBe(true);
      const detail = await request(`${inspector}api/deliveries/${deliveries[0]?.id}`);
      const shown = (await detail.body.json()) as { body: { kind: string; size: number } };
      expect(shown.body).toMatchObject({ kind: 'json', size: big.length });

      listener.child.kill('SIGINT');
      const exit = await listener.exited;
      expect(listener.stderr()).not.toContain('heap out of memory');
      expect(exit.code).toBe(0);
    });
  });
});
