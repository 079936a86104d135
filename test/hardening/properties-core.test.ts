import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { serializeCapture } from '../../src/capture/encode-capture.js';
import { parseDuration } from '../../src/options/duration.js';
import { parseSize } from '../../src/options/size.js';

const headerName = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20}$/);
const headerValue = fc.string({ maxLength: 40 }).filter((value) => !/[\r\n\0]/.test(value));

describe('capture round-trip (property)', () => {
  it('keeps every body byte and every header, in order, with duplicates', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        // Names from a small pool as well, so that the same header (in either spelling) recurs.
        fc.array(
          fc.tuple(fc.oneof(headerName, fc.constantFrom('Set-Cookie', 'set-cookie', 'X-Dup')), headerValue),
          {
            maxLength: 12,
          },
        ),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        (bytes, generated, method) => {
          const body = Buffer.from(bytes);
          // Always at least one exact duplicate: the first header again, at the end.
          const headers = generated.length > 0 ? [...generated, generated[0] as [string, string]] : generated;
          const text = serializeCapture({
            id: 'p',
            receivedAt: new Date(0).toISOString(),
            method,
            path: '/p?q=1',
            headers: headers as Array<[string, string]>,
            body,
          });
          const back = parseCapture(text, 'p.json');
          expect(back.body.equals(body)).toBe(true);
          expect(back.headers).toEqual(headers);
          expect(back.method).toBe(method);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('duration and size parsers (property)', () => {
  it('parse every well-formed value to the exact number of milliseconds or bytes', () => {
    const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.constantFrom('ms', 's', 'm', 'h'), (n, unit) => {
        expect(parseDuration(`${n}${unit}`)).toBe(n * units[unit as keyof typeof units]);
      }),
    );
    const sizes = { b: 1, kb: 1024, mb: 1024 ** 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('b', 'kb', 'mb'), (n, unit) => {
        expect(parseSize(`${n}${unit}`)).toBe(n * sizes[unit as keyof typeof sizes]);
      }),
    );
  });

  it('reject every malformed value with a usage error that quotes it', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 12 })
          .filter((text) => !/^\s*(\d+(\.\d+)?\s*(ms|s|m|h|d)|0+(\.0+)?)\s*$/i.test(text)),
        (text) => {
          expect(() => parseDuration(text, '--timeout')).toThrow(/^--timeout: '/);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 12 })
          .filter((text) => !/^\s*\d+(\.\d+)?\s*(b|kb|k|mb|m|gb|g)?\s*$/i.test(text)),
        (text) => {
          expect(() => parseSize(text, '--max-body')).toThrow(/^--max-body: /);
        },
      ),
    );
  });
});
