import { UsageError } from '../errors.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';

/** Headers as an ordered list of [name, value] pairs, duplicates kept, exactly as sent or received. */
export type HeaderList = Array<[string, string]>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** An RFC 9110 token (section 5.6.2): what a header name or a method may be. */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** `-H 'Name: value'` → ['Name', 'value']. */
export function parseHeaderFlag(text: string, flag = '--header'): [string, string] {
  const colon = text.indexOf(':');
  const name = colon === -1 ? '' : text.slice(0, colon).trim();
  if (!name) {
    throw new UsageError(`${flag}: '${escapeTerminalLine(text)}' is not a header`, {
      hint: "write it as 'Name: value'",
    });
  }
  if (!TOKEN.test(name)) {
    throw new UsageError(`${flag}: '${escapeTerminalLine(name)}' is not a valid header name`, {
      hint: "letters, digits and !#$%&'*+-.^_`|~ only",
    });
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value)) {
    throw new UsageError(`${flag}: the value of '${name}' contains a line break or NUL`);
  }
  return [name, value];
}

export function parseHeaderFlags(values: readonly string[] | undefined, flag = '--header'): HeaderList {
  return (values ?? []).map((value) => parseHeaderFlag(value, flag));
}

/** Node's `rawHeaders` ([n1, v1, n2, v2, ...]) → pairs. */
export function pairsFromRawHeaders(raw: readonly string[]): HeaderList {
  const pairs: HeaderList = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

/** First value of a header, matched case-insensitively. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A copy without the named headers (case-insensitive). */
export function withoutHeaders(headers: HeaderList, names: Iterable<string>): HeaderList {
  const drop = new Set([...names].map((name) => name.toLowerCase()));
  return headers.filter(([key]) => !drop.has(key.toLowerCase()));
}

/** A copy where each override replaces every header of the same name (case-insensitive). */
export function withHeaders(headers: HeaderList, overrides: HeaderList): HeaderList {
  return [
    ...withoutHeaders(
      headers,
      overrides.map(([name]) => name),
    ),
    ...overrides,
  ];
}

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus Host, Content-Length
 * and Expect, which belong to each new request: never forwarded or replayed. Lower case.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
]);
