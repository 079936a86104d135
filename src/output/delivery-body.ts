import type { DeliveryContent } from '../listen/delivery.js';
import { formatSize } from '../options/size.js';
import { escapeTerminal, escapeTerminalLine } from '../text/escape-terminal.js';
import type { Colors } from './colors.js';
import { scanJsonShape } from './delivery-json-shape.js';

const HEX_PREVIEW_BYTES = 32;
/** Deeper JSON is printed as received instead of as an indented tree (which would also recurse). */
export const MAX_TREE_DEPTH = 64;

/**
 * A body as lines for a person: JSON pretty-printed and coloured, form fields one per line (GitHub's
 * `payload=` as JSON), text as text, binary as its size and a hex preview. Everything from the
 * request is escaped. Pure.
 */
export function renderDeliveryBody(content: DeliveryContent, colors: Colors): string[] {
  switch (content.kind) {
    case 'empty':
      return [colors.dim('(empty body)')];
    case 'json':
      return jsonLines(content.text, content.value, colors);
    case 'form': {
      const lines: string[] = [];
      for (const [name, value] of content.fields) {
        if (name === 'payload' && 'payload' in content) {
          lines.push(`${colors.cyan(escapeTerminalLine(name))} ${colors.dim('(JSON)')}`);
          for (const line of jsonLines(value, content.payload, colors)) lines.push(`  ${line}`);
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
function jsonLines(text: string, value: unknown, colors: Colors): string[] {
  const { depth, duplicates } = scanJsonShape(text);
  const notes = duplicates.map(({ pointer, key }) =>
    colors.yellow(
      `(duplicate key ${escapeTerminalLine(JSON.stringify(key))} in ${escapeTerminalLine(pointer || '/')}: the last value counts, as shown and validated)`,
    ),
  );
  if (depth <= MAX_TREE_DEPTH) return [...notes, ...prettyJson(value, colors)];
  const lines = escapeTerminal(text).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return [
    ...notes,
    colors.yellow(`(JSON nested ${depth} levels deep, more than ${MAX_TREE_DEPTH}: printed as received)`),
    ...lines,
  ];
}

/** Pretty JSON, two-space indent, keys cyan, strings green, numbers yellow, literals magenta. */
export function prettyJson(value: unknown, colors: Colors): string[] {
  const lines: string[] = [];
  const quote = (text: string) => escapeTerminalLine(JSON.stringify(text));
  const scalar = (item: unknown): string => {
    if (typeof item === 'string') return colors.green(quote(item));
    if (typeof item === 'number') return colors.yellow(String(item));
    return colors.magenta(String(item));
  };
  const walk = (item: unknown, indent: string, prefix: string, suffix: string) => {
    if (Array.isArray(item)) {
      if (item.length === 0) {
        lines.push(`${indent}${prefix}[]${suffix}`);
        return;
      }
      lines.push(`${indent}${prefix}[`);
      item.forEach((element, index) => {
        walk(element, `${indent}  `, '', index < item.length - 1 ? ',' : '');
      });
      lines.push(`${indent}]${suffix}`);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      if (entries.length === 0) {
        lines.push(`${indent}${prefix}{}${suffix}`);
        return;
      }
      lines.push(`${indent}${prefix}{`);
      entries.forEach(([key, element], index) => {
        walk(element, `${indent}  `, `${colors.cyan(quote(key))}: `, index < entries.length - 1 ? ',' : '');
      });
      lines.push(`${indent}}${suffix}`);
    } else {
      lines.push(`${indent}${prefix}${scalar(item)}${suffix}`);
    }
  };
  walk(value, '', '', '');
  return lines;
}
