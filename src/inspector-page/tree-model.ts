// What the JSON tree shows for each value, and how a JSON pointer (RFC 6901) leads into it.
// Pure: no DOM, unit-tested in node (test/inspector/page-tree.test.ts); json-tree.ts draws it.
import { plural } from './format.js';

export type Key = string | number;

/** How one value of the body is drawn. */
export type NodeShape =
  | { kind: 'leaf'; className: 'j-string' | 'j-number' | 'j-boolean' | 'j-null'; text: string }
  | { kind: 'empty'; text: '[]' | '{}' }
  | { kind: 'branch'; summary: string; entries: Array<[Key, unknown]> };

/** A value of `JSON.parse`: anything that is not an object, array, string, number or boolean is null. */
export function shapeOf(value: unknown): NodeShape {
  if (typeof value === 'string') return { kind: 'leaf', className: 'j-string', text: JSON.stringify(value) };
  if (typeof value === 'number') return { kind: 'leaf', className: 'j-number', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'leaf', className: 'j-boolean', text: String(value) };
  if (value === null || typeof value !== 'object') return { kind: 'leaf', className: 'j-null', text: 'null' };
  const isArray = Array.isArray(value);
  const entries: Array<[Key, unknown]> = isArray
    ? value.map((item, index): [Key, unknown] => [index, item])
    : Object.entries(value);
  if (entries.length === 0) return { kind: 'empty', text: isArray ? '[]' : '{}' };
  const summary = isArray ? `[ ${plural(entries.length, 'item')} ]` : `{ ${plural(entries.length, 'key')} }`;
  return { kind: 'branch', summary, entries };
}

/** An object key as JSON (`"title"`), an array index as a number. */
export function keyLabel(key: Key): string {
  return typeof key === 'number' ? String(key) : JSON.stringify(key);
}

/** Whether a branch is open when the tree is drawn: the first two levels, unless they are long. */
export function opensAtFirst(depth: number, entryCount: number): boolean {
  return depth < 2 && entryCount <= 100;
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function childPointer(pointer: string, key: Key): string {
  return `${pointer}/${escapeSegment(String(key))}`;
}

/**
 * The pointers from the root down to `pointer`: `/a~1b/0` → `['', '/a~1b', '/a~1b/0']`. Revealing
 * a value opens them in order, stopping at the first that the body lacks (a schema error may point
 * at a property that is not there).
 */
export function pointerPath(pointer: string): string[] {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeSegment);
  const path = [''];
  for (const segment of segments) path.push(childPointer(path[path.length - 1]!, segment));
  return path;
}
