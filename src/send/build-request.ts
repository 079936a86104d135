import { type HeaderList, withHeaders, withoutHeaders } from '../options/headers.js';
import type { OutgoingRequest } from './delivery-report.js';
import type { Payload } from './read-payloads.js';

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus Host and
 * Content-Length, which belong to the new request: never replayed from a capture.
 */
export const NEVER_REPLAYED: readonly string[] = [
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
];

export interface RequestFlags {
  to: URL;
  /** `-X`: replaces the captured method (default POST for raw payloads). */
  method?: string;
  /** `-H`: each replaces every header of its name. */
  headers: HeaderList;
  /** `--drop-header`: removed from the payload's headers (a `-H` of the same name still applies). */
  dropHeaders: readonly string[];
}

/** The request for one payload: its method and headers, the flags' overrides, the path suffix on --to. */
export function buildRequest(payload: Payload, flags: RequestFlags): OutgoingRequest {
  const listed = payload.headers
    .filter(([name]) => name.toLowerCase() === 'connection')
    .flatMap(([, value]) => value.split(',').map((name) => name.trim()))
    .filter((name) => name !== '');
  const kept = withoutHeaders(payload.headers, [...NEVER_REPLAYED, ...listed, ...flags.dropHeaders]);
  return {
    method: flags.method ?? payload.method,
    url: appendPath(flags.to, payload.path),
    headers: withHeaders(kept, flags.headers),
    body: payload.body,
  };
}

/**
 * `--to http://host/hooks` + captured `/github?x=1` → `http://host/hooks/github?x=1`; a captured
 * `/` adds nothing. Queries of both are kept, the target's first.
 */
export function appendPath(to: URL, suffix: string): string {
  const mark = suffix.indexOf('?');
  const path = mark === -1 ? suffix : suffix.slice(0, mark);
  const query = mark === -1 ? '' : suffix.slice(mark + 1);
  if ((path === '/' || path === '') && query === '') return to.href;
  const url = new URL(to.href);
  if (path !== '/' && path !== '') {
    url.pathname = `${to.pathname.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  }
  if (query !== '') url.search = to.search ? `${to.search}&${query}` : `?${query}`;
  return url.href;
}
