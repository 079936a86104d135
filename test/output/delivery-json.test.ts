import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deliveryToJson, serializeDeliveryJson } from '../../src/output/delivery-json.js';
import { makeDelivery } from '../listen/delivery-fixture.js';

describe('delivery JSON', () => {
  it('has every field, with absent parts null and credentials redacted', () => {
    const json = deliveryToJson(
      makeDelivery({
        headers: [
          ['Cookie', 'a=b'],
          ['X-A', '1'],
        ],
        signature: { scheme: 'stripe', ok: true },
        validation: { schema: null, ok: false, errors: [], message: 'no schema chosen: unknown event' },
      }),
    );
    expect(json).toEqual({
      id: '20260101T000000000Z-000001-abcd',
      receivedAt: '2026-01-01T12:34:56.000Z',
      method: 'POST',
      path: '/webhook',
      headers: [
        ['Cookie', '[redacted]'],
        ['X-A', '1'],
      ],
      event: 'issues.opened',
      deliveryId: 'd-1',
      size: 19,
      signature: { scheme: 'stripe', ok: true, reason: null },
      validation: {
        schema: null,
        ok: false,
        errors: [{ pointer: '', message: 'no schema chosen: unknown event' }],
      },
      forward: null,
      response: { status: 200 },
      handshake: null,
      provider: null,
      route: null,
      savedTo: null,
      encoding: 'json',
      body: { action: 'opened' },
    });
  });

  it('copies a one-line JSON body verbatim and re-serialises a multi-line one onto one line', () => {
    const raw = '{"n":1.000,"n":2}';
    const line = serializeDeliveryJson(
      makeDelivery({ body: Buffer.from(raw), content: { kind: 'json', text: raw, value: { n: 2 } } }),
    );
    expect(line.endsWith(`"body":${raw}}\n`)).toBe(true);
    expect(JSON.parse(line).body).toEqual({ n: 2 });
    const pretty = '{\n  "n": 1\n}';
    const other = serializeDeliveryJson(
      makeDelivery({ body: Buffer.from(pretty), content: { kind: 'json', text: pretty, value: { n: 1 } } }),
    );
    expect(other.split('\n')).toHaveLength(2);
    expect(JSON.parse(other)).toMatchObject({ encoding: 'json', body: { n: 1 } });
    // Every line break becomes one space, CRLF and lone CR too, and the received bytes stay as they were.
    const windows = '{\r\n  "a": [1,\r2],\n\n  "b": "x"\r\n}\n';
    const received = Buffer.from(windows);
    const third = serializeDeliveryJson(
      makeDelivery({
        body: received,
        content: { kind: 'json', text: windows, value: JSON.parse(windows) },
      }),
    );
    expect(third.endsWith(`"body":{    "a": [1, 2],    "b": "x"  } }\n`)).toBe(true);
    expect(received.toString()).toBe(windows);
  });

  it('gives binary bodies as base64 of the bytes received', () => {
    const body = Buffer.from([1, 2, 3, 250]);
    const json = deliveryToJson(makeDelivery({ body, content: { kind: 'binary', bytes: body } }));
    expect([json.encoding, json.body]).toEqual(['base64', 'AQID+g==']);
  });

  it('writes characters a terminal could act on as \\u escapes, keeping the same JSON value', () => {
    const raw = '{"t":"csi \u009b2J rtl \u202e del \u007f"}';
    const body = Buffer.from(raw);
    const line = serializeDeliveryJson(
      makeDelivery({
        headers: [['X-Odd', 'a\u009bb']],
        body,
        content: { kind: 'json', text: raw, value: JSON.parse(raw) },
      }),
    );
    expect(line).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(line).toContain('"t":"csi \\u009b2J rtl \\u202e del \\u007f"');
    const parsed = JSON.parse(line);
    expect(parsed.body).toEqual(JSON.parse(raw));
    expect(parsed.headers).toEqual([['X-Odd', 'a\u009bb']]);
  });

  it('gives a compressed JSON body decoded, never the compressed bytes', () => {
    const text = '{"zipped":true}';
    const line = serializeDeliveryJson(
      makeDelivery({
        headers: [['Content-Encoding', 'gzip']],
        body: gzipSync(text),
        content: { kind: 'json', text, value: { zipped: true } },
      }),
    );
    expect(JSON.parse(line)).toMatchObject({ encoding: 'json', body: { zipped: true } });
  });
});
