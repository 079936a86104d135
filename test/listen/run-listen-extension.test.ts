import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/listen/delivery.js';
import type { ListenOptions } from '../../src/listen/listen-options.js';
import { runListen } from '../../src/listen/run-listen.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { sendJson } from './listen-helpers.js';

const options: ListenOptions = {
  port: 0,
  host: '127.0.0.1',
  maxBody: 1024 * 1024,
  maxConnections: 256,
  maxDecoding: 64 * 1024 * 1024,
  schemaRefs: [],
  forwardTimeoutMs: 30_000,
  statuses: [200],
  responseHeaders: [],
  delayMs: 0,
  rejectInvalid: false,
  output: 'text',
  verbosity: 'quiet',
  maxLines: 40,
  full: false,
  maxEvents: 1,
};

describe('runListen extensions (how the --ui inspector attaches)', () => {
  it('attaches once listening, sees every delivery, adds a ready line and is closed after the listener', async () => {
    const deps = createTestDeps();
    const seen: Delivery[] = [];
    const events: string[] = [];
    const done = runListen(options, deps, {
      async attach(listener) {
        listener.onDelivery((delivery) => seen.push(delivery));
        events.push('attached');
        return {
          readyLines: [['inspector', 'http://127.0.0.1:4040']],
          close: async () => {
            events.push(`closed after ${listener.summary().deliveries} delivery`);
          },
        };
      },
    });
    const text = await deps.stderr.waitFor(/Listening on (http:\/\/\S+)/);
    expect(text).toContain('  inspector  http://127.0.0.1:4040\n');
    const url = /Listening on (http:\/\/\S+)/.exec(text)?.[1] as string;
    await sendJson(url, { type: 'seen.by.both' });
    expect(await done).toBe(0);
    expect(seen.map((delivery) => delivery.event)).toEqual(['seen.by.both']);
    expect(events).toEqual(['attached', 'closed after 1 delivery']);
  });
});

describe('runListen: a subscriber that fails on one delivery', () => {
  it('is reported on stderr and the listener carries on', async () => {
    const deps = createTestDeps();
    const done = runListen({ ...options, maxEvents: 2 }, deps, {
      async attach(listener) {
        listener.onDelivery((delivery) => {
          if (delivery.event === 'bad') throw new Error('renderer broke \u001b[2J');
        });
        return {};
      },
    });
    const text = await deps.stderr.waitFor(/Listening on (http:\/\/\S+)/);
    const url = /Listening on (http:\/\/\S+)/.exec(text)?.[1] as string;
    await sendJson(url, { type: 'bad' });
    await sendJson(url, { type: 'good' });
    expect(await done).toBe(0);
    expect(deps.stderr.text()).toMatch(/warning: cannot show delivery \S+: renderer broke \\e\[2J\n/);
    expect(deps.stdout.text()).toContain('good');
  });
});
