import { CliError } from '../errors.js';
import { appendPath } from '../http/append-path.js';
import { type HeaderList, HOP_BY_HOP_HEADERS, withHeaders } from '../options/headers.js';
import type { OutgoingRequest } from './delivery-report.js';
import type { Payload } from './read-payloads.js';

/** Never replayed from a capture: connection headers, Host, Content-Length (see HOP_BY_HOP_HEADERS). */
export const NEVER_REPLAYED: readonly string[] = [...HOP_BY_HOP_HEADERS];

export interface RequestFlags {
  to: URL;
  /** `-X`: replaces the captured method (default POST for raw payloads). */
  method?: string;
  /** `-H`: each replaces every header of its name. */
  headers: HeaderList;
  /** `--drop-header`: removed from the payload's headers (a `-H` of the same name still applies). */
  dropHeaders: readonly string[];
}

export interface RequestBuilder {
  /**
   * The request for one payload: its method and headers, the flags' overrides, the path suffix on
   * --to. A capture path that climbs out of --to's path is an `InputError` (see appendPath).
   */
  build(payload: Payload): OutgoingRequest;
  /** `build`, or why the payload cannot be sent (a user error, e.g. its path leaves --to's). */
  orReason(payload: Payload): OutgoingRequest | string;
}

/**
 * Builds the requests of one run. What the flags decide is worked out once, here, not per payload:
 * the headers never replayed and those dropped. Raw payloads share one header list, so the last
 * result is reused: the same list gives the same headers.
 */
export function createRequestBuilder(flags: RequestFlags): RequestBuilder {
  const drop = new Set([...NEVER_REPLAYED, ...flags.dropHeaders.map((name) => name.toLowerCase())]);
  let last: { from: HeaderList; headers: HeaderList } | undefined;
  const outgoingHeaders = (from: HeaderList): HeaderList => {
    if (last?.from !== from) last = { from, headers: computeHeaders(from, drop, flags.headers) };
    return last.headers;
  };
  const build = (payload: Payload): OutgoingRequest => ({
    method: flags.method ?? payload.method,
    url: appendPath(flags.to, payload.path),
    headers: outgoingHeaders(payload.headers),
    body: payload.body,
  });
  return {
    build,
    orReason(payload) {
      try {
        return build(payload);
      } catch (error) {
        if (error instanceof CliError) return error.message;
        throw error;
      }
    },
  };
}

/** The payload's headers less the dropped ones and those its Connection header lists, with -H applied. */
function computeHeaders(from: HeaderList, drop: ReadonlySet<string>, set: HeaderList): HeaderList {
  let connectionListed: Set<string> | undefined;
  for (const [name, value] of from) {
    if (name.toLowerCase() !== 'connection') continue;
    connectionListed ??= new Set();
    for (const listed of value.split(','))
      if (listed.trim()) connectionListed.add(listed.trim().toLowerCase());
  }
  const kept = from.filter(([name]) => {
    const lower = name.toLowerCase();
    return !drop.has(lower) && !connectionListed?.has(lower);
  });
  return set.length > 0 ? withHeaders(kept, set) : kept;
}
