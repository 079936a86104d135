/** One difference between two JSON values, located by JSON pointer (RFC 6901). */
export interface JsonChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface JsonDiff {
  changes: JsonChange[];
  /** True when more than `maxChanges` differences exist (only the first ones are listed). */
  truncated: boolean;
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What changed from `before` to `after`: added, removed and changed leaves (or whole subtrees when
 * the type changes), in document order. Arrays are compared by index.
 */
export function diffJson(before: unknown, after: unknown, maxChanges = 500): JsonDiff {
  const changes: JsonChange[] = [];
  let truncated = false;
  const push = (change: JsonChange) => {
    if (changes.length >= maxChanges) truncated = true;
    else changes.push(change);
  };
  const walk = (a: unknown, b: unknown, pointer: string): void => {
    if (truncated) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        const child = `${pointer}/${escapePointerSegment(key)}`;
        if (Object.hasOwn(b, key)) walk(a[key], b[key], child);
        else push({ pointer: child, kind: 'removed', before: a[key] });
      }
      for (const key of Object.keys(b)) {
        if (!Object.hasOwn(a, key)) {
          push({ pointer: `${pointer}/${escapePointerSegment(key)}`, kind: 'added', after: b[key] });
        }
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const shared = Math.min(a.length, b.length);
      for (let i = 0; i < shared; i += 1) walk(a[i], b[i], `${pointer}/${i}`);
      for (let i = shared; i < a.length; i += 1)
        push({ pointer: `${pointer}/${i}`, kind: 'removed', before: a[i] });
      for (let i = shared; i < b.length; i += 1)
        push({ pointer: `${pointer}/${i}`, kind: 'added', after: b[i] });
      return;
    }
    if (!Object.is(a, b)) push({ pointer, kind: 'changed', before: a, after: b });
  };
  walk(before, after, '');
  return { changes, truncated };
}
