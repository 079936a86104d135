import type { DeliveryContent } from '../listen/delivery.js';
import { formatSize } from '../options/size.js';
import { escapeTerminal, escapeTerminalLine } from '../text/escape-terminal.js';
import type { Colors } from './colors.js';
import { jsonShapeOf } from './delivery-json-shape.js';

const HEX_PREVIEW_BYTES = 32;
/** Deeper JSON is printed as received instead of as an indented tree (which would also recurse). */
export const MAX_TREE_DEPTH = 64;

/** The first lines of a body as shown, and how many lines the whole body takes. */
export interface BodyLines {
  lines: string[];
  total: number;
}

/**
 * A body as lines for a person: JSON pretty-printed and coloured, form fields one per line (GitHub's
 * `payload=` as JSON), text as text, binary as its size and a hex preview. Everything from the
 * request is escaped. At most `limit` lines are made (`--max-lines`: a JSON body's tree is not
 * rendered past them), and `total` says how many the whole body takes. Pure.
 */
export function renderDeliveryBody(
  content: DeliveryContent,
  colors: Colors,
  limit = Number.POSITIVE_INFINITY,
): BodyLines {
  if (content.kind === 'json') return jsonLines(content.text, content.value, colors, limit);
  const lines = allBodyLines(content, colors);
  return { lines: lines.length > limit ? lines.slice(0, limit) : lines, total: lines.length };
}

function allBodyLines(content: Exclude<DeliveryContent, { kind: 'json' }>, colors: Colors): string[] {
  switch (content.kind) {
    case 'empty':
      return [colors.dim('(empty body)')];
    case 'form': {
      const lines: string[] = [];
      for (const [name, value] of content.fields) {
        if (name === 'payload' && 'payload' in content) {
          lines.push(`${colors.cyan(escapeTerminalLine(name))} ${colors.dim('(JSON)')}`);
          for (const line of jsonLines(value, content.payload, colors).lines) lines.push(`  ${line}`);
        } else {
          lines.push(`${colors.cyan(escapeTerminalLine(name))} = ${escapeTerminalLine(value)}`);
        }
      }
      return lines.length > 0 ? lines : [colors.dim('(no form fields)')];
    }
    case 'text': {
      const lines = escapeTerminal(content.text).split('\n');
      if (lines.at(-1) === '') lines.pop();
      if (content.jsonError)
        lines.unshift(colors.yellow(`(not valid JSON: ${escapeTerminalLine(content.jsonError)})`));
      return lines;
    }
    case 'binary': {
      const { bytes } = content;
      const preview = [...bytes.subarray(0, HEX_PREVIEW_BYTES)]
        .map((byte) => byte.toString(16).padStart(2, '0'))
        .join(' ');
      const more = bytes.length > HEX_PREVIEW_BYTES ? ' …' : '';
      const lines = [`${colors.dim(`binary, ${formatSize(bytes.length)}:`)} ${preview}${more}`];
      if (content.decodeError) lines.unshift(colors.yellow(`(${escapeTerminalLine(content.decodeError)})`));
      return lines;
    }
  }
}

/**
 * JSON as lines, with a note for what the tree alone would hide: keys given twice (JSON.parse keeps
 * the last, which is also what a schema sees) and nesting too deep for a tree, printed as received.
 */
function jsonLines(
  text: string,
  value: unknown,
  colors: Colors,
  limit = Number.POSITIVE_INFINITY,
): BodyLines {
  const { depth, duplicates } = jsonShapeOf(text, value, MAX_TREE_DEPTH);
  const notes = duplicates.map(({ pointer, key }) =>
    colors.yellow(
      `(duplicate key ${escapeTerminalLine(JSON.stringify(key))} in ${escapeTerminalLine(pointer || '/')}: the last value counts, as shown and validated)`,
    ),
  );
  if (depth <= MAX_TREE_DEPTH) {
    const tree = prettyJson(value, colors, Math.max(0, limit - notes.length));
    const lines = [...notes, ...tree].slice(0, limit);
    return { lines, total: notes.length + prettyJsonLineCount(value) };
  }
  const lines = escapeTerminal(text).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const all = [
    ...notes,
    colors.yellow(`(JSON nested ${depth} levels deep, more than ${MAX_TREE_DEPTH}: printed as received)`),
    ...lines,
  ];
  return { lines: all.slice(0, limit), total: all.length };
}

/**
 * Pretty JSON, two-space indent, keys cyan, strings green, numbers yellow, literals magenta: its
 * first `limit` lines (the rest is not rendered).
 */
export function prettyJson(value: unknown, colors: Colors, limit = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  const push = (line: string) => {
    if (lines.length < limit) lines.push(line);
  };
  const quote = (text: string) => escapeTerminalLine(JSON.stringify(text));
  const scalar = (item: unknown): string => {
    if (typeof item === 'string') return colors.green(quote(item));
    if (typeof item === 'number') return colors.yellow(String(item));
    return colors.magenta(String(item));
  };
  const walk = (item: unknown, indent: string, prefix: string, suffix: string) => {
    if (lines.length >= limit) return;
    if (Array.isArray(item)) {
      if (item.length === 0) {
        push(`${indent}${prefix}[]${suffix}`);
        return;
      }
      push(`${indent}${prefix}[`);
      for (let index = 0; index < item.length && lines.length < limit; index += 1) {
        walk(item[index], `${indent}  `, '', index < item.length - 1 ? ',' : '');
      }
      push(`${indent}]${suffix}`);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      if (entries.length === 0) {
        push(`${indent}${prefix}{}${suffix}`);
        return;
      }
      push(`${indent}${prefix}{`);
      for (let index = 0; index < entries.length && lines.length < limit; index += 1) {
        const [key, element] = entries[index]!;
        walk(element, `${indent}  `, `${colors.cyan(quote(key))}: `, index < entries.length - 1 ? ',' : '');
      }
      push(`${indent}}${suffix}`);
    } else {
      push(`${indent}${prefix}${scalar(item)}${suffix}`);
    }
  };
  walk(value, '', '', '');
  return lines;
}

/** How many lines `prettyJson(value)` takes, without rendering them. */
export function prettyJsonLineCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  if (children.length === 0) return 1;
  let count = 2;
  for (const child of children) count += prettyJsonLineCount(child);
  return count;
}
