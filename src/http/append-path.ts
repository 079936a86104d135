import { InputError } from '../errors.js';

/** `.` and `..` as a server may read them: `%2e` in any case stands for a dot (WHATWG URL does so). */
const DOT = /^(?:\.|%2e)$/i;
const DOT_DOT = /^(?:\.|%2e){2}$/i;
/**
 * What a server may split a segment on besides `/`: an encoded slash or backslash (decoded first by
 * some servers) and `;` path parameters (Tomcat and Spring read `..;` as `..`).
 */
const HIDDEN_SEPARATOR = /%2f|%5c|;|%3b/i;
/** Anything that can make a dot segment or an empty one; a path without these is joined as it is. */
const NEEDS_RESOLVING = /[.\\%]|\/\//;

/**
 * `base` + a request or capture path (and query) below it: `http://app/hooks` + `/github?x=1` →
 * `http://app/hooks/github?x=1`; `/` (or nothing) adds no path. The queries of both are kept, the
 * base's first.
 *
 * The result never leaves the base path, whatever the server at the other end makes of it: dot
 * segments (`..`, `%2e%2e`, `.%2E`, any case) are resolved against the suffix alone, backslashes
 * count as slashes (WHATWG URL turns them into slashes for http), empty segments are dropped, and
 * a suffix that climbs above the base, or hides a dot segment behind an encoded `/` or `\` or a
 * `;` (`..%2f..`, `..;`), is an `InputError`. So the path sent has no dot
 * segment in any spelling. https://url.spec.whatwg.org/#single-dot-path-segment
 */
export function appendPath(base: URL, suffix: string): string {
  const mark = suffix.indexOf('?');
  const path = mark === -1 ? suffix : suffix.slice(0, mark);
  const query = mark === -1 ? '' : suffix.slice(mark + 1);
  if ((path === '/' || path === '') && query === '') return base.href;
  const basePath = base.pathname.replace(/\/+$/, '');
  let joined: string;
  if (path === '/' || path === '') joined = base.pathname;
  else if (!NEEDS_RESOLVING.test(path)) joined = `${basePath}${path.startsWith('/') ? '' : '/'}${path}`;
  else {
    const below = resolveBelow(path);
    if (below === CLIMBS) {
      throw new RefusedPathError('climbs', `the path climbs out of ${base.pathname}`, {
        hint: "a path may not use '..' to leave the base path",
      });
    }
    if (below === HIDES) {
      throw new RefusedPathError('hides', "the path hides a dot segment behind ';' or an encoded slash", {
        hint: "a server may read '..;' or '.%2f' as a dot segment: write the path without them",
      });
    }
    joined = below === '' ? base.pathname : `${basePath}/${below}`;
  }
  const search = [base.search.slice(1), query].filter(Boolean).join('&');
  // Parsed once more for the exact form undici will send (control characters and spaces encoded);
  // the path has no dot segment left for the parser to resolve. A `#` is data here, not a fragment.
  return new URL(`${base.origin}${joined || '/'}${search ? `?${search}` : ''}`.replace(/#/g, '%23')).href;
}

/** A suffix appendPath refuses: it `climbs` above the base path, or `hides` a dot segment. */
export class RefusedPathError extends InputError {
  constructor(
    readonly why: 'climbs' | 'hides',
    message: string,
    options: { hint: string },
  ) {
    super(message, options);
  }
}

const CLIMBS = Symbol('climbs above its start');
const HIDES = Symbol('hides a dot segment');

/**
 * The segments of `path` with dot segments resolved (`a/b/`); CLIMBS when it goes above its start,
 * HIDES when a segment hides a dot segment behind `;` or an encoded slash or backslash.
 */
function resolveBelow(path: string): string | typeof CLIMBS | typeof HIDES {
  const segments = path.split(/[/\\]/);
  const kept: string[] = [];
  let trailingSlash = false;
  for (const segment of segments) {
    trailingSlash = false;
    if (segment === '') {
      trailingSlash = kept.length > 0;
      continue;
    }
    if (DOT.test(segment)) {
      trailingSlash = kept.length > 0;
      continue;
    }
    if (DOT_DOT.test(segment)) {
      if (kept.length === 0) return CLIMBS;
      kept.pop();
      trailingSlash = kept.length > 0;
      continue;
    }
    if (HIDDEN_SEPARATOR.test(segment) && hidesDotSegment(segment)) return HIDES;
    kept.push(segment);
  }
  return kept.join('/') + (trailingSlash ? '/' : '');
}

function hidesDotSegment(segment: string): boolean {
  return segment.split(HIDDEN_SEPARATOR).some((part) => DOT.test(part) || DOT_DOT.test(part));
}
