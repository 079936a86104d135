/**
 * Where a delivery is forwarded: the `--forward-to` URL plus what follows `--path` in the request
 * path, plus the request's query. `/webhook/github?x=1` with `--path /webhook` and
 * `http://localhost:3000/hooks` → `http://localhost:3000/hooks/github?x=1`. Pure.
 */
export function forwardUrl(target: URL, requestTarget: string, mountPath = '/'): string {
  const queryAt = requestTarget.indexOf('?');
  const path = queryAt === -1 ? requestTarget : requestTarget.slice(0, queryAt);
  const query = queryAt === -1 ? '' : requestTarget.slice(queryAt + 1);
  const mount = mountPath.replace(/\/+$/, '');
  let suffix = path.startsWith(mount) ? path.slice(mount.length) : path;
  if (suffix === '/') suffix = '';
  const base = target.pathname.replace(/\/+$/, '');
  const joined = suffix ? `${base}${suffix.startsWith('/') ? '' : '/'}${suffix}` : target.pathname || '/';
  const search = [target.search.replace(/^\?/, ''), query].filter(Boolean).join('&');
  return `${target.origin}${joined || '/'}${search ? `?${search}` : ''}`;
}
