import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../src/deps.js';
import { CliError } from '../../src/errors.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { startDeliveryThread } from '../../src/listen/delivery-thread.js';
import {
  createDeliveryHandler,
  type DeliveryHandler,
  type ReceivedRequest,
} from '../../src/listen/handle-delivery.js';
import type { HandlerOptions } from '../../src/listen/prepare-handler.js';
import { prepareHandlerConfig } from '../../src/listen/prepare-handler.js';
import type { HeaderList } from '../../src/options/headers.js';
import { encodeDeliveryJson } from '../../src/output/delivery-json.js';
import { type DeliveryTextView, deliveryText, renderDeliveryText } from '../../src/output/delivery-text.js';
import { hmacSignature } from '../../src/providers/hmac.js';
import { getProvider } from '../../src/providers/registry.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('delivery-thread-');
// The thread runs the built script (test/helpers/global-setup.ts builds): from the TypeScript
// sources startDeliveryThread finds none and resolves null.
const builtWorker = new URL('../../dist/listen/delivery-worker.js', import.meta.url);
const SECRET = 'It’s a Secret to Everybody';

function options(overrides: Partial<HandlerOptions> = {}): HandlerOptions {
  return {
    schemaRefs: [],
    statuses: [200],
    responseHeaders: [],
    delayMs: 0,
    rejectInvalid: false,
    maxDecoding: 64 * 1024 * 1024,
    forwardTimeoutMs: 10_000,
    ...overrides,
  };
}

let sequence = 0;
function request(body: Buffer | string, headers: HeaderList, path = '/hooks'): ReceivedRequest {
  sequence += 1;
  return {
    id: `20261201T120000000Z-${String(sequence).padStart(6, '0')}-abcd`,
    receivedAt: '2026-12-01T12:00:00.000Z',
    method: 'POST',
    path,
    headers: [['Host', '127.0.0.1:9876'], ...headers],
    body: Buffer.from(body),
    remoteAddress: '127.0.0.1',
  };
}

const github = (body: string, event: string, secret = SECRET): ReceivedRequest =>
  request(body, [
    ['Content-Type', 'application/json'],
    ['X-GitHub-Event', event],
    ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
    ['X-Hub-Signature-256', `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`],
  ]);

/** `json` gzipped, a binary body, `json` as GitHub's form `payload` field, and a body that is not JSON. */
const otherKinds = (json: string): Array<() => ReceivedRequest> => [
  () =>
    request(gzipSync(json), [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ]),
  () => request(Buffer.from([0xff, 0xfe, 0x00, 0x41]), [['Content-Type', 'application/octet-stream']]),
  () =>
    request(`payload=${encodeURIComponent(json)}`, [['Content-Type', 'application/x-www-form-urlencoded']]),
  () => request('{"not json', [['Content-Type', 'application/json']]),
];

/** Hands the request to a handler: its answer, and the delivery with its content's getters read. */
async function run(handler: DeliveryHandler, received: ReceivedRequest) {
  let answer: unknown;
  const delivery = await handler.handle(received, (status, headers, body) => {
    answer = { status, headers, body: Buffer.from(body).toString('latin1') };
  });
  return { answer, delivery: { ...delivery, content: { ...delivery.content } }, line: lineOf(delivery) };
}

const lineOf = (delivery: Delivery) => Buffer.concat(encodeDeliveryJson(delivery)).toString('utf8');

describe('the delivery thread (built)', () => {
  it('answers, finds and encodes every kind of delivery as this thread does', async () => {
    const schemas = tree({
      'ping.schema.json': JSON.stringify({ type: 'object', required: ['zen', 'hook_id'] }),
    });
    const given = options({
      verify: { settings: { provider: getProvider('github'), secrets: [SECRET] } },
      schemaRefs: [schemas],
      statuses: [201, 503],
      responseHeaders: [['X-Test', 'yes']],
      routes: [
        {
          name: 'routes[0] (/routed)',
          path: '/routed',
          events: ['ping'],
          ...options({ statuses: [202], responseBody: 'routed' }),
        },
      ],
    });
    const here = await createDeliveryHandler(await prepareHandlerConfig(given, { cwd: '/' }), realClock);
    const thread = await startDeliveryThread(given, { cwd: '/' }, { script: builtWorker, lines: {} });
    expect(thread).not.toBeNull();
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }, null, 2);
    const requests = [
      () => github(ping, 'ping'),
      () => github(JSON.stringify({ zen: 'no hook id' }), 'ping'),
      () => github(ping, 'ping', 'the wrong secret'),
      ...otherKinds(ping),
      () =>
        request(JSON.stringify({ token: 't', challenge: 'chal-1', type: 'url_verification' }), [
          ['Content-Type', 'application/json'],
        ]),
      () => ({ ...github(ping, 'ping'), path: '/routed/x' }),
      () => request('', []),
    ];
    try {
      const seen: unknown[] = [];
      for (const make of requests) {
        const received = make();
        const [mine, theirs] = [await run(here, received), await run(thread!, received)];
        expect(theirs).toEqual(mine);
        const { delivery } = theirs;
        seen.push([
          delivery.response.status,
          delivery.content.kind,
          delivery.signature?.reason ?? delivery.signature?.ok,
          delivery.validation?.ok ?? null,
          delivery.handshake ?? delivery.route?.path ?? null,
        ]);
      }
      expect(seen).toEqual([
        [201, 'json', true, true, null],
        [503, 'json', true, false, null],
        [503, 'json', 'mismatch', true, null],
        [503, 'json', 'missing-header', false, null],
        [503, 'binary', 'missing-header', false, null],
        [503, 'form', 'missing-header', false, null],
        [503, 'text', 'missing-header', false, null],
        [503, 'json', 'missing-header', null, 'slack url_verification (not answered: the signature failed)'],
        [202, 'json', undefined, null, '/routed'],
        [503, 'empty', 'missing-header', false, null],
      ]);
      // The JSON body's value, parsed again on this thread only when asked for.
      const { delivery } = await run(thread!, github(ping, 'ping'));
      expect(delivery.content).toEqual({ kind: 'json', text: ping, value: JSON.parse(ping) });
      expect(thread!.outline).toEqual(here.outline);
      expect(thread!.decoding.total).toBe(here.decoding.total);
    } finally {
      await here.close();
      await thread?.close();
    }
  });

  it('renders the text view there as this thread does, for every kind of delivery and --events', async () => {
    const given = options({ verify: { settings: { provider: getProvider('github'), secrets: [SECRET] } } });
    const view: DeliveryTextView = {
      colorLevel: 1,
      verbosity: 'verbose',
      maxLines: 6,
      full: false,
      maxBody: 1024 * 1024,
    };
    const colors = new Chalk({ level: 1 });
    const here = await createDeliveryHandler(await prepareHandlerConfig(given, { cwd: '/' }), realClock);
    const thread = await startDeliveryThread(
      given,
      { cwd: '/' },
      { script: builtWorker, lines: { text: view } },
    );
    const shown = await startDeliveryThread(
      given,
      { cwd: '/' },
      { script: builtWorker, lines: { text: view, events: ['push'] } },
    );
    const ping = JSON.stringify({ zen: 'Keep it \u001b[31mlogically\u202e awesome.', hook_id: 1 }, null, 2);
    const long = JSON.stringify({ list: Array.from({ length: 30 }, (_, index) => ({ index })) }, null, 2);
    const requests = [
      () => github(ping, 'ping'),
      () => github(long, 'push', 'the wrong secret'),
      () => github('{"a":1,"a":2}', 'ping'),
      ...otherKinds(long),
      () => request('', []),
    ];
    const noop = () => {};
    try {
      for (const make of requests) {
        const received = make();
        const mine = renderDeliveryText(await here.handle(received, noop), { ...view, colors });
        const theirs = deliveryText(await thread!.handle(received, noop), { ...view, colors });
        // A Buffer: rendered on the thread, not here.
        expect(Buffer.isBuffer(theirs)).toBe(true);
        expect(theirs.toString()).toBe(mine);
        const filtered = deliveryText(await shown!.handle(received, noop), { ...view, colors });
        expect(Buffer.isBuffer(filtered)).toBe(received.headers.some(([, value]) => value === 'push'));
        expect(filtered.toString()).toBe(mine);
      }
    } finally {
      await here.close();
      await thread?.close();
      await shown?.close();
    }
  });

  it('carries an hmac scheme made from flags to the thread', async () => {
    const provider = {
      ...getProvider('hmac'),
      signature: hmacSignature({ signatureHeader: 'X-Sig', encoding: 'base64' }),
    };
    const given = options({ verify: { settings: { provider, secrets: ['s3cret'] } } });
    const thread = await startDeliveryThread(given, { cwd: '/' }, { script: builtWorker });
    const body = '{"a":1}';
    const signature = createHmac('sha256', 's3cret').update(body).digest('base64');
    try {
      const { delivery } = await run(thread!, request(body, [['X-Sig', signature]]));
      expect(delivery.signature).toEqual({ scheme: 'hmac', ok: true });
    } finally {
      await thread?.close();
    }
  });

  it('refuses settings that cannot be used with the message this thread would give', async () => {
    const given = options({ responseBody: '@missing.txt' });
    const here = await prepareHandlerConfig(given, { cwd: tree({}) }).catch((error: unknown) => error);
    const thread = await startDeliveryThread(given, { cwd: tree({}) }, { script: builtWorker }).catch(
      (error: unknown) => error,
    );
    expect(here).toBeInstanceOf(CliError);
    expect(thread).toBeInstanceOf(CliError);
    expect((thread as CliError).message).toBe((here as CliError).message);
    expect((thread as CliError).message).toMatch(/^--response-body: missing\.txt: /);
    expect((thread as CliError).hint).toBe('write --response-body @path/to/file, or the text itself');
    expect((thread as CliError).exitCode).toBe((here as CliError).exitCode);
  });

  it('is not started where there is no script to run or it cannot load', async () => {
    expect(await startDeliveryThread(options(), { cwd: '/' })).toBeNull();
    const broken = tree({ 'worker.js': 'throw new Error("cannot load");\n' });
    expect(
      await startDeliveryThread(options(), { cwd: '/' }, { script: new URL(`file://${broken}/worker.js`) }),
    ).toBeNull();
  });

  it('fails the deliveries in flight when the thread stops, and handles those after on this thread', async () => {
    // Says it is ready, then stops at the first delivery.
    const fixture = tree({
      'worker.js': [
        "import { parentPort } from 'node:worker_threads';",
        'parentPort.postMessage([{ ready: { verify: null, schemas: null, saveDir: null, forward: null, responseBodyBytes: 0, routes: [] }, decodingTotal: 1 }]);',
        'parentPort.on("message", () => process.exit(3));',
        '',
      ].join('\n'),
    });
    const script = new URL(`file://${fixture}/worker.js`);
    const alone = await startDeliveryThread(options(), { cwd: '/' }, { script });
    await expect(run(alone!, request('{}', []))).rejects.toThrow('the delivery thread stopped (exit code 3)');
    await expect(run(alone!, request('{}', []))).rejects.toThrow('the delivery thread stopped (exit code 3)');
    await alone!.close();

    const given = options({ statuses: [202] });
    const thread = await startDeliveryThread(
      given,
      { cwd: '/' },
      {
        script,
        fallback: async () =>
          createDeliveryHandler(await prepareHandlerConfig(given, { cwd: '/' }), realClock),
      },
    );
    await expect(run(thread!, request('{}', []))).rejects.toThrow(
      'the delivery thread stopped (exit code 3)',
    );
    const after = await run(thread!, request('{"a":1}', [['Content-Type', 'application/json']]));
    expect(after.answer).toEqual({ status: 202, headers: [], body: '' });
    expect(after.delivery.content).toEqual({ kind: 'json', text: '{"a":1}', value: { a: 1 } });
    await thread!.close();
  });
});
