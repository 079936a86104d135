import { createScanner } from 'jsonc-parser';

export interface JsonShape {
  /** Deepest nesting of arrays and objects (0 for a scalar). */
  depth: number;
  /** Keys that appear twice in one object (JSON.parse keeps the last), with the object's JSON Pointer. */
  duplicates: Array<{ pointer: string; key: string }>;
}

type Frame = { keys: Set<string>; key: string; expectKey: boolean } | { index: number };

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: the values used.
const Token = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, String: 10, EOF: 17 };

/**
 * Scans JSON source that is known to parse with jsonc-parser's token scanner, which does not
 * recurse (a hostile body can be nested 100,000 levels deep): how deep it goes, and the first
 * `maxDuplicates` duplicate keys, which `JSON.parse` silently drops and a person reading the parsed
 * value would never see.
 */
export function scanJsonShape(text: string, maxDuplicates = 3): JsonShape {
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  const duplicates: JsonShape['duplicates'] = [];
  let depth = 0;
  for (let token = scanner.scan(); token !== Token.EOF; token = scanner.scan()) {
    const top = stack.at(-1);
    if (token === Token.String) {
      if (top && 'keys' in top && top.expectKey) {
        const key = scanner.getTokenValue();
        top.expectKey = false;
        top.key = key;
        if (!top.keys.has(key)) top.keys.add(key);
        else if (duplicates.length < maxDuplicates) duplicates.push({ pointer: pointerOf(stack), key });
      }
    } else if (token === Token.OpenBrace || token === Token.OpenBracket) {
      stack.push(token === Token.OpenBrace ? { keys: new Set(), key: '', expectKey: true } : { index: 0 });
      if (stack.length > depth) depth = stack.length;
    } else if (token === Token.CloseBrace || token === Token.CloseBracket) {
      stack.pop();
    } else if (token === Token.Comma && top) {
      if ('keys' in top) top.expectKey = true;
      else top.index += 1;
    }
  }
  return { depth, duplicates };
}

/**
 * `scanJsonShape` for a body that parsed to `value`, cheaply when it can be: one pass over the
 * characters counts the nesting and the keys (a string followed by `:`), and when the depth is at
 * most `maxDepth` (so that `value` can be walked) and `value` holds as many keys, no key was given
 * twice. Only otherwise does the token scanner run, to say which keys and where: a fifth of the
 * time for a GitHub delivery of 13 KB.
 */
export function jsonShapeOf(text: string, value: unknown, maxDepth: number): JsonShape {
  const { depth, keys } = countDepthAndKeys(text);
  if (depth <= maxDepth && keys === keysIn(value)) return { depth, duplicates: [] };
  return scanJsonShape(text);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** The deepest nesting of JSON source that parses, and how many keys it writes. */
function countDepthAndKeys(text: string): { depth: number; keys: number } {
  let depth = 0;
  let open = 0;
  let keys = 0;
  for (let at = 0; at < text.length; at += 1) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      at = closingQuote(text, at);
      if (at === -1) break;
      let next = at + 1;
      while (isJsonWhitespace(text.charCodeAt(next))) next += 1;
      if (text.charCodeAt(next) === COLON) keys += 1;
    } else if (char === 0x7b || char === 0x5b) {
      open += 1;
      if (open > depth) depth = open;
    } else if (char === 0x7d || char === 0x5d) {
      open -= 1;
    }
  }
  return { depth, keys };
}

/** Where the string that opens at `open` ends: the next quote not escaped by a backslash; -1 if none. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

function isJsonWhitespace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}

/** How many keys the objects in `value` hold, all levels down (call it only on a shallow value). */
function keysIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += keysIn(item);
    return count;
  }
  for (const key of Object.keys(value)) count += 1 + keysIn((value as Record<string, unknown>)[key]);
  return count;
}

/** JSON Pointer (RFC 6901) of the innermost open object: the path of keys and indexes leading to it. */
function pointerOf(stack: Frame[]): string {
  let pointer = '';
  for (const frame of stack.slice(0, -1)) {
    const segment = 'keys' in frame ? frame.key : String(frame.index);
    pointer += `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return pointer;
}
