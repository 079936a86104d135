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

/** JSON Pointer (RFC 6901) of the innermost open object: the path of keys and indexes leading to it. */
function pointerOf(stack: Frame[]): string {
  let pointer = '';
  for (const frame of stack.slice(0, -1)) {
    const segment = 'keys' in frame ? frame.key : String(frame.index);
    pointer += `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return pointer;
}
