import { UsageError } from '../errors.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';

/** One `--set <path>=<value>`: where in the body, and the value to put there. */
export interface BodySet {
  /** As the user wrote it, for messages. */
  text: string;
  /** The path's keys: from `a.b.0` or the JSON pointer `/a/b/0`. */
  keys: string[];
  value: unknown;
}

/**
 * `--set data.object.amount_paid=5000`, `--set /data/object/metadata/order=42`: the path is a JSON
 * pointer (RFC 6901) when it starts with `/`, else dot-separated keys; the value is JSON when it
 * parses as JSON (`5000`, `true`, `null`, `{"a":1}`, `"quoted"`), else the text itself.
 */
export function parseBodySet(text: string): BodySet {
  const at = text.indexOf('=');
  const path = at === -1 ? '' : text.slice(0, at);
  if (at === -1 || path === '') {
    throw new UsageError(`--set: '${escapeTerminalLine(text)}' is not <path>=<value>`, {
      hint: 'e.g. --set data.object.amount_paid=5000 or --set /pull_request/title=Hello',
    });
  }
  const raw = text.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text is the value (`--set action=closed`).
  }
  return { text, keys: pathKeys(path, text), value };
}

function pathKeys(path: string, text: string): string[] {
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((key) => {
        if (/~(?![01])/.test(key)) {
          throw new UsageError(`--set: '${escapeTerminalLine(text)}' is not a JSON pointer`, {
            hint: 'in a pointer ~ is written ~0 and / is written ~1',
          });
        }
        return key.replace(/~1/g, '/').replace(/~0/g, '~');
      });
  }
  const keys = path.split('.');
  if (keys.some((key) => key === '')) {
    throw new UsageError(`--set: '${escapeTerminalLine(path)}' has an empty key`, {
      hint: 'for keys with dots use a JSON pointer, e.g. --set /a.b/c=1',
    });
  }
  return keys;
}

/**
 * The body with every set applied in order, changed in place and returned. A missing object on
 * the way is created; an array takes an index up to its length (or `-`: append); going into a
 * string, number, boolean or null is a `UsageError` naming the path.
 */
export function applyBodySets(body: unknown, sets: readonly BodySet[]): unknown {
  let root = body;
  for (const set of sets) root = applyOne(root, set);
  return root;
}

function applyOne(root: unknown, set: BodySet): unknown {
  let container = root;
  set.keys.forEach((key, index) => {
    const last = index === set.keys.length - 1;
    const shownPath = set.keys.slice(0, index).join('.') || '(the body)';
    if (Array.isArray(container)) {
      const position = key === '-' ? container.length : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1;
      if (position < 0 || position > container.length) {
        throw new UsageError(
          `--set ${escapeTerminalLine(set.text)}: ${escapeTerminalLine(shownPath)} is an array of ${container.length}, and '${escapeTerminalLine(key)}' is not an index in it`,
          { hint: `use 0 to ${container.length - 1}, or ${container.length} (or -) to append` },
        );
      }
      if (last) container[position] = set.value;
      else {
        container[position] ??= {};
        container = container[position];
      }
      return;
    }
    if (typeof container !== 'object' || container === null) {
      throw new UsageError(
        `--set ${escapeTerminalLine(set.text)}: ${escapeTerminalLine(shownPath)} is ${describe(container)}, not an object`,
        { hint: 'set a key of an object or an index of an array' },
      );
    }
    const object = container as Record<string, unknown>;
    if (last) {
      // A plain assignment: `__proto__` as a key must become a key, not the prototype.
      Object.defineProperty(object, key, {
        value: set.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      if (!Object.hasOwn(object, key) || object[key] === undefined) {
        Object.defineProperty(object, key, {
          value: {},
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      container = object[key];
    }
  });
  return root;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}
