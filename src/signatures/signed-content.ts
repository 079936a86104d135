import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { getHeader, type HeaderList } from '../options/headers.js';
import type { SignedTemplate } from '../providers/types.js';

/** What a template's placeholders are filled from. */
export interface SignedValues {
  body: Buffer;
  headers: HeaderList;
  timestamp?: string;
  id?: string;
  url?: string;
  method?: string;
  params?: Readonly<Record<string, string>>;
  /** The JSON body, parsed once by the caller when a template or location needs it. */
  json?: unknown;
}

type Part = { literal: string } | { placeholder: string; argument?: string };

const cache = new Map<string, Part[]>();

/** `v0:{timestamp}:{body}` → literal and placeholder parts; `{{` / `}}` are literal braces. */
export function parseTemplate(template: SignedTemplate): Part[] {
  const cached = cache.get(template);
  if (cached) return cached;
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string;
    if ((char === '{' || char === '}') && template[i + 1] === char) {
      literal += char;
      i++;
    } else if (char === '{') {
      const end = template.indexOf('}', i);
      if (end === -1) throw new Error(`signed template ${template}: unclosed {`);
      if (literal) parts.push({ literal });
      literal = '';
      const inner = template.slice(i + 1, end);
      const colon = inner.indexOf(':');
      parts.push(
        colon === -1
          ? { placeholder: inner }
          : { placeholder: inner.slice(0, colon), argument: inner.slice(colon + 1) },
      );
      i = end;
    } else {
      literal += char;
    }
  }
  if (literal) parts.push({ literal });
  cache.set(template, parts);
  return parts;
}

const placeholderCache = new Map<string, readonly string[]>();

/** The placeholders a template uses, e.g. `['timestamp', 'body']` (asked for every signed request). */
export function templatePlaceholders(template: SignedTemplate): readonly string[] {
  let names = placeholderCache.get(template);
  if (!names) {
    names = parseTemplate(template).flatMap((part) => ('placeholder' in part ? [part.placeholder] : []));
    placeholderCache.set(template, names);
  }
  return names;
}

/**
 * The signed bytes, or the name of what is missing (`the URL`, `header X-Foo`, `JSON field a.b`)
 * so the caller can say why it cannot check.
 */
export function renderSigned(
  template: SignedTemplate,
  values: SignedValues,
): { ok: true; bytes: Buffer } | { ok: false; missing: string } {
  const chunks: Buffer[] = [];
  for (const part of parseTemplate(template)) {
    if ('literal' in part) {
      chunks.push(Buffer.from(part.literal));
      continue;
    }
    const value = placeholderValue(part.placeholder, part.argument, values);
    if (typeof value === 'object' && 'missing' in value) return { ok: false, missing: value.missing };
    chunks.push(typeof value === 'string' ? Buffer.from(value) : value);
  }
  // A template of one part (`{body}`: GitHub, Shopify, ...) signs those bytes as they are, uncopied.
  return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) };
}

function placeholderValue(
  name: string,
  argument: string | undefined,
  values: SignedValues,
): Buffer | string | { missing: string } {
  switch (name) {
    case 'body':
      return values.body;
    case 'timestamp':
      return values.timestamp ?? { missing: 'the timestamp' };
    case 'id':
      return values.id ?? { missing: 'the delivery id' };
    case 'url':
      return values.url ?? { missing: 'the URL the provider called' };
    case 'method':
      return values.method?.toUpperCase() ?? { missing: 'the HTTP method' };
    case 'header':
      return getHeader(values.headers, argument ?? '') ?? { missing: `the ${argument} header` };
    case 'json': {
      const value = jsonAt(values.json, argument ?? '');
      return typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : { missing: `the JSON field ${argument}` };
    }
    case 'param':
      return values.params?.[argument ?? ''] ?? { missing: `--param ${argument}=<value>` };
    case 'crc32':
      return String(crc32(values.body));
    case 'sha256hex':
      return createHash('sha256').update(values.body).digest('hex');
    case 'form':
      return sortedForm(values.body);
    default:
      throw new Error(`unknown placeholder {${name}}`);
  }
}

/**
 * Paths split once: the paths come from provider descriptions (a few dozen), and the listener asks
 * for them on every delivery. The same key strings every time also make the property lookups cheap
 * (V8 hashes a new string before it can look it up; #18).
 */
const splitPaths = new Map<string, readonly string[]>();
const SPLIT_PATHS_LIMIT = 1_000;

/** A value at a dotted path (`signature.token`) of a parsed JSON value; own properties only. */
export function jsonAt(root: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    if (splitPaths.size < SPLIT_PATHS_LIMIT) splitPaths.set(path, keys);
  }
  let value = root;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Twilio: form parameters sorted by name, each as name + value (repeated names keep their order). */
function sortedForm(body: Buffer): string {
  const pairs = [...new URLSearchParams(body.toString('utf8'))];
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([name, value]) => name + value).join('');
}
