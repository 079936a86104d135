/**
 * The path (and query) a request targets, as every reader of a capture expects it: starting with
 * `/`. The origin form (`/x?y`) is kept byte for byte; the absolute form (`http://host/x?y`, which
 * proxies send and servers must accept, RFC 9112 §3.2.2) becomes its path and query, also byte for
 * byte (no URL normalisation); anything else (`*`, the authority form, another scheme) is null, and the
 * listener answers 400. Pure.
 */
export function requestPath(target: string): string | null {
  if (target.startsWith('/')) return target;
  const scheme = /^https?:\/\//i.exec(target);
  if (!scheme) return null;
  const rest = target.slice(scheme[0].length);
  const end = rest.search(/[/?#]/);
  if (end === -1) return '/';
  const tail = rest.slice(end);
  if (tail.startsWith('#')) return '/';
  const withoutFragment = tail.split('#')[0] as string;
  return withoutFragment.startsWith('?') ? `/${withoutFragment}` : withoutFragment;
}
