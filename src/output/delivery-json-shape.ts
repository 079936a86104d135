export interface JsonShape {
  /** Deepest nesting of arrays and objects (0 for a scalar). */
  depth: number;
  /** Keys that appear twice in one object (JSON.parse keeps the last), with the object's JSON Pointer. */
  duplicates: Array<{ pointer: string; key: string }>;
}

type Frame = { keys: Set<string>; key: string; expectKey: boolean } | { index: number };

/**
 * Scans JSON source that is known to parse, without recursion (a hostile body can be nested
 * 100,000 levels deep): how deep it goes, and the first `maxDuplicates` duplicate keys, which
 * `JSON.parse` silently drops and a person reading the parsed value would never see.
 */
export function scanJsonShape(text: string, maxDuplicates = 3): JsonShape {
  const stack: Frame[] = [];
  const duplicates: JsonShape['duplicates'] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      const end = endOfString(text, i);
      const top = stack.at(-1);
      if (top && 'keys' in top && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
        top.key = key;
        if (!top.keys.has(key)) top.keys.add(key);
        else if (duplicates.length < maxDuplicates) duplicates.push({ pointer: pointerOf(stack), key });
      }
      i = end;
      continue;
    }
    if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      stack.push(char === 0x7b ? { keys: new Set(), key: '', expectKey: true } : { index: 0 });
      if (stack.length > depth) depth = stack.length;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      stack.pop();
    } else if (char === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top && 'keys' in top) top.expectKey = true;
      else if (top) top.index += 1;
    }
    i += 1;
  }
  return { depth, duplicates };
}

/** Index just past the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
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
