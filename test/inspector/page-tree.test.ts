// What the inspector page's JSON tree shows and how a pointer leads into it
// (src/inspector-page/tree-model.ts), in node: no browser needed.
import { describe, expect, it } from 'vitest';
import {
  childPointer,
  escapeSegment,
  keyLabel,
  opensAtFirst,
  pointerPath,
  shapeOf,
  unescapeSegment,
} from '../../src/inspector-page/tree-model.js';

describe('shapeOf', () => {
  it('draws each JSON leaf with its class and JSON text', () => {
    expect([shapeOf('a "b"'), shapeOf(-1.5e3), shapeOf(false), shapeOf(null)]).toEqual([
      { kind: 'leaf', className: 'j-string', text: '"a \\"b\\""' },
      { kind: 'leaf', className: 'j-number', text: '-1500' },
      { kind: 'leaf', className: 'j-boolean', text: 'false' },
      { kind: 'leaf', className: 'j-null', text: 'null' },
    ]);
  });

  it('shows empty containers as [] and {}, others as a count with their entries in order', () => {
    expect([shapeOf([]), shapeOf({})]).toEqual([
      { kind: 'empty', text: '[]' },
      { kind: 'empty', text: '{}' },
    ]);
    expect(shapeOf(['x', { y: 1 }])).toEqual({
      kind: 'branch',
      summary: '[ 2 items ]',
      entries: [
        [0, 'x'],
        [1, { y: 1 }],
      ],
    });
    expect(shapeOf({ b: 1, a: [] })).toEqual({
      kind: 'branch',
      summary: '{ 2 keys }',
      entries: [
        ['b', 1],
        ['a', []],
      ],
    });
    expect(shapeOf({ only: true })).toMatchObject({ summary: '{ 1 key }' });
    expect(shapeOf([0])).toMatchObject({ summary: '[ 1 item ]' });
  });

  it('labels keys as JSON strings and array indexes as numbers', () => {
    expect([keyLabel('title'), keyLabel('a"b'), keyLabel(3)]).toEqual(['"title"', '"a\\"b"', '3']);
  });

  it('opens the first two levels, unless a level has more than 100 entries', () => {
    expect([opensAtFirst(0, 5), opensAtFirst(1, 100), opensAtFirst(1, 101), opensAtFirst(2, 1)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('JSON pointers', () => {
  it('escapes ~ and / in segments (RFC 6901) and back', () => {
    expect(escapeSegment('a/b~c')).toBe('a~1b~0c');
    expect(unescapeSegment('a~1b~0c')).toBe('a/b~c');
    // ~01 is "~1" escaped, not "/": ~1 is undone first.
    expect(unescapeSegment('~01')).toBe('~1');
    expect(childPointer('/issue', 'user/name')).toBe('/issue/user~1name');
    expect(childPointer('', 0)).toBe('/0');
  });

  it('lists the pointers from the root down to a value', () => {
    expect(pointerPath('')).toEqual(['']);
    expect(pointerPath('/issue/title')).toEqual(['', '/issue', '/issue/title']);
    expect(pointerPath('/a~1b/0/~0')).toEqual(['', '/a~1b', '/a~1b/0', '/a~1b/0/~0']);
    expect(pointerPath('/')).toEqual(['', '/']);
  });
});
