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

/**
 * The request for one payload: its method and headers, the flags' overrides, the path suffix on
 * --to. A capture path that climbs out of --to's path is an `InputError` (see appendPath).
 */
export function buildRequest(payload: Payload, flags: RequestFlags): OutgoingRequest {
  return {
    method: flags.method ?? payload.method,
    url: appendPath(flags.to, payload.path),
    headers: outgoingHeaders(payload.headers, flags),
    body: payload.body,
  };
}

/** `buildRequest`, or why the payload cannot be sent (a user error, e.g. its path leaves --to's). */
export function requestOrReason(payload: Payload, flags: RequestFlags): OutgoingRequest | string {
  try {
    return buildRequest(payload, flags);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
}

let last: { from: HeaderList; flags: RequestFlags; headers: HeaderList } | undefined;

/**
 * The payload's headers less the dropped ones, with -H applied. Raw payloads share one header
 * list, so the last result is reused: the same list with the same flags gives the same headers.
 */
function outgoingHeaders(from: HeaderList, flags: RequestFlags): HeaderList {
  if (last?.from !== from || last.flags !== flags)
    last = { from, flags, headers: computeHeaders(from, flags) };
  return last.headers;
}

function computeHeaders(from: HeaderList, flags: RequestFlags): HeaderList {
  const drop = dropSet(flags);
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
  return flags.headers.length > 0 ? withHeaders(kept, flags.headers) : kept;
}

const dropSets = new WeakMap<RequestFlags, Set<string>>();

/** Never-replayed headers plus --drop-header, lower-cased; made once per run, not per payload. */
function dropSet(flags: RequestFlags): Set<string> {
  let set = dropSets.get(flags);
  if (!set) {
    set = new Set([...NEVER_REPLAYED, ...flags.dropHeaders.map((name) => name.toLowerCase())]);
    dropSets.set(flags, set);
  }
  return set;
}
