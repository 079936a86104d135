import { appendPath } from '../http/append-path.js';

/**
 * Where a delivery is forwarded: the `--forward-to` URL plus what follows `--path` in the request
 * path, plus the request's query. `/webhook/github?x=1` with `--path /webhook` and
 * `http://localhost:3000/hooks` → `http://localhost:3000/hooks/github?x=1`. A path that climbs out
 * of the target's path (`/webhook/../admin`) is an `InputError` (see appendPath). Pure.
 */
export function forwardUrl(target: URL, requestTarget: string, mountPath = '/'): string {
  const mount = mountPath.replace(/\/+$/, '');
  const suffix =
    mount !== '' && requestTarget.startsWith(mount) ? requestTarget.slice(mount.length) : requestTarget;
  return appendPath(target, suffix);
}
