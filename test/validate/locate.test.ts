import fc from 'fast-check';
import { type Node, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { bytePosition, decodeJsonBytes, firstInvalidUtf8 } from '../../src/validate/decode-json-bytes.js';
import { createLineIndex } from '../../src/validate/line-index.js';
import { locateErrors, locatePointer, valueOffset } from '../../src/validate/locate-errors.js';
import { parseJson } from '../../src/validate/parse-json.js';

const text = `{
  "order": {
    "items": [
      { "sku": "a", "qty": 1 },
      { "sku": "b", "qty": "2", "extra": true }
    ]
  },
  "a/b": { "c~d": null }
}`;

function at(errors: Parameters<typeof locateErrors>[1]) {
  const position = createLineIndex(text);
  return locateErrors(text, errors).map((offset) => position(offset));
}

describe('locateErrors', () => {
  it('points a wrong type at the value, in nested arrays and objects', () => {
    expect(at([{ pointer: '/order/items/1/qty', message: '', keyword: 'type' }])).toEqual([
      { line: 5, column: 28 },
    ]);
  });

  it('points a missing property at its parent object', () => {
    expect(at([{ pointer: '/order/items/0', message: '', keyword: 'required' }])).toEqual([
      { line: 4, column: 7 },
    ]);
  });

  it('points an unexpected property at its key', () => {
    expect(
      at([
        { pointer: '/order/items/1/extra', message: '', keyword: 'additionalProperties', property: 'extra' },
      ]),
    ).toEqual([{ line: 5, column: 33 }]);
  });

  it('decodes ~0 and ~1 in pointers, and the root is 1:1', () => {
    expect(at([{ pointer: '/a~1b/c~0d', message: '', keyword: 'type' }])).toEqual([{ line: 8, column: 19 }]);
    expect(at([{ pointer: '', message: '', keyword: 'type' }])).toEqual([{ line: 1, column: 1 }]);
  });

  it('falls back to the deepest node a pointer reaches', () => {
    expect(at([{ pointer: '/order/nothing/here', message: '', keyword: 'type' }])).toEqual([
      { line: 2, column: 12 },
    ]);
  });
});

/** What a tree of the text says (jsonc-parser's, as the locator used before it scanned): the oracle. */
function treeOffset(root: Node, segments: string[], property?: string): number {
  let node = root;
  for (const [index, segment] of segments.entries()) {
    let child: Node | undefined;
    if (node.type === 'object') {
      for (const entry of node.children ?? [])
        if (entry.children?.[0]?.value === segment) child = entry.children[1];
    } else if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
      child = node.children?.[Number(segment)];
    }
    if (!child) return node.offset;
    if (index === segments.length - 1 && property !== undefined && child.parent?.type === 'property') {
      return child.parent.children?.[0]?.offset ?? child.offset;
    }
    node = child;
  }
  return node.offset;
}

function pointersOf(value: unknown, prefix: string[] = []): string[][] {
  const here = [prefix, [...prefix, 'missing'], [...prefix, '7']];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => pointersOf(item, [...prefix, String(index)]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pointersOf(item, [...prefix, key]))];
  }
  return here;
}

const toPointer = (segments: string[]) =>
  segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

describe('locatePointer', () => {
  it('finds what a parse tree finds, for any JSON text and pointer', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, '\t', ' \r\n'), (value, space) => {
        const text = ` ${JSON.stringify(value, null, space)}\n`;
        const root = parseTree(text, [], { disallowComments: true })!;
        for (const segments of pointersOf(value)) {
          for (const property of [undefined, 'p']) {
            expect(locatePointer(text, toPointer(segments), property)).toBe(
              treeOffset(root, segments, property),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes the last of duplicate keys, decodes escaped keys, and skips escaped quotes', () => {
    const json = '{"a": 1, "a\\u0062": {"x\\"": [true, "\\\\", {"y": null}]}, "a": 2}';
    expect(JSON.parse(json)).toEqual({ a: 2, ab: { 'x"': [true, '\\', { y: null }] } });
    expect(locatePointer(json, '/a')).toBe(json.lastIndexOf('2'));
    expect(locatePointer(json, '/ab/x"/2/y')).toBe(json.indexOf('null'));
    expect(locatePointer(json, '/ab/x"/2/y', 'y')).toBe(json.indexOf('"y"'));
    expect(valueOffset(json, '/ab/x"/1')).toBe(json.indexOf('"\\\\"'));
    expect(valueOffset(json, '/ab/nothing')).toBeUndefined();
  });

  it('walks a document nested 100,000 levels deep', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    expect(locatePointer(deep, '/0'.repeat(99_999))).toBe(99_999);
    expect(locatePointer(deep, '/0'.repeat(100_000))).toBe(100_000);
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(locatePointer(objects, '/a'.repeat(100_000))).toBe(500_000);
  });
});

describe('parseJson', () => {
  it('names line and column and a short reason, never quoting the text', () => {
    expect(parseJson('{"a": 1,\n  "b": }')).toMatchObject({
      ok: false,
      line: 2,
      column: 8,
      message: 'expected a value',
    });
    expect(parseJson('{"a": [1, 2,]}')).toMatchObject({
      ok: false,
      line: 1,
      column: 12,
      message: 'trailing comma',
    });
    expect(parseJson("{'a': 1}")).toMatchObject({
      ok: false,
      line: 1,
      column: 2,
      message: 'strings must use double quotes',
    });
    expect(parseJson('{"a": 1} 2')).toMatchObject({
      ok: false,
      message: 'unexpected text after the JSON value',
    });
    expect(parseJson('{"a": 1 // c\n}')).toMatchObject({
      ok: false,
      message: 'comments are not allowed in JSON',
    });
    expect(parseJson('{"a": \n')).toMatchObject({ ok: false, message: 'unexpected end of file' });
    expect(parseJson('{"a": "x\ty"}')).toMatchObject({
      ok: false,
      message: 'control character in a string (escape it)',
    });
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('decodeJsonBytes', () => {
  it('tells empty, BOM, UTF-16, binary and invalid UTF-8 apart', () => {
    expect(decodeJsonBytes(Buffer.alloc(0))).toMatchObject({ ok: false, message: 'empty file' });
    expect(decodeJsonBytes(Buffer.from(' \n\t'))).toMatchObject({
      ok: false,
      message: 'empty file (only whitespace)',
    });
    expect(decodeJsonBytes(Buffer.from('\ufeff{}'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('byte order mark (BOM)'),
    });
    expect(decodeJsonBytes(Buffer.from('\ufeff{}', 'utf16le'))).toMatchObject({
      ok: false,
      message: 'file is UTF-16 text; JSON must be UTF-8',
    });
    expect(decodeJsonBytes(Buffer.from([0x7b, 0x00, 0x7d]))).toMatchObject({
      ok: false,
      message: 'binary file (it contains NUL bytes), not JSON',
      offset: 1,
    });
    const bad = Buffer.concat([Buffer.from('{\n  "é": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(decodeJsonBytes(bad)).toMatchObject({
      ok: false,
      message: 'invalid UTF-8 byte sequence; JSON must be UTF-8',
    });
    expect(firstInvalidUtf8(bad)).toBe(11);
    expect(bytePosition(bad, 11)).toEqual({ line: 2, column: 9 });
  });

  it('rejects overlong forms and surrogates, accepts 4-byte characters', () => {
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from('a😀b'))).toBe(6);
  });
});
