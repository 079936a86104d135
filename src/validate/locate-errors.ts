import type { Node } from 'jsonc-parser';
import type { SchemaValidationError } from '../schemas/types.js';
import { jsoncParser } from './jsonc-parser.js';

/**
 * The offset in `text` each error points at, found by walking its JSON pointer through jsonc-parser's
 * tree (built only for files that fail): the value for most errors, the parent object for a missing
 * property, the key of an unexpected property. A pointer that goes nowhere points at the deepest
 * node it reached.
 */
export function locateErrors(text: string, errors: readonly SchemaValidationError[]): number[] {
  let root: Node | undefined;
  try {
    root = jsoncParser().parseTree(text, [], { disallowComments: true });
  } catch (error) {
    // jsonc-parser recurses once per nesting level: a payload 100,000 levels deep has no tree.
    if (!(error instanceof RangeError)) throw error;
  }
  if (!root) return errors.map(() => 0);
  return errors.map((error) => locatePointer(root, error.pointer, error.property));
}

export function locatePointer(root: Node, pointer: string, property?: string): number {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
  let node = root;
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    const child = childOf(node, segment);
    if (!child) return node.offset;
    if (isLast && property !== undefined && child.parent?.type === 'property') {
      return child.parent.children?.[0]?.offset ?? child.offset;
    }
    node = child;
  }
  return node.offset;
}

function childOf(node: Node, segment: string): Node | undefined {
  if (node.type === 'object') {
    // The last duplicate key wins, as in JSON.parse.
    let found: Node | undefined;
    for (const entry of node.children ?? []) {
      if (entry.children?.[0]?.value === segment) found = entry.children[1];
    }
    return found;
  }
  if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) return node.children?.[Number(segment)];
  return undefined;
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
