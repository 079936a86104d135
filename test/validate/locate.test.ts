import { describe, expect, it } from 'vitest';
import { bytePosition, decodeJsonBytes, firstInvalidUtf8 } from '../../src/validate/decode-json-bytes.js';
import { createLineIndex } from '../../src/validate/line-index.js';
import { locateErrors } from '../../src/validate/locate-errors.js';
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
