/** What a route matches on: a path prefix and, optionally, event types. */
export interface RouteMatch {
  path: string;
  /** Only these event types, or their `<type>.<action>`s (`issues` matches `issues.opened`). */
  events?: readonly string[];
}

/**
 * The route for a request, found once at its start: among the routes whose path is a prefix of the
 * request path (see `underMount`), the longest first, routes of the same length in their order;
 * the first without `events`, or whose `events` hold the delivery's event type, wins. Returns its
 * index, -1 when none matches (the listener's top-level settings apply), or `'event'` when the
 * answer depends on the event type and `event` was not given (the caller reads the body, finds the
 * event type and asks again). Pure; the order is worked out once per listener.
 */
export function createRouteMatcher(
  routes: readonly RouteMatch[],
): (target: string, event?: string | null) => number | 'event' {
  const order = routes
    .map((route, index) => ({ index, mount: normalizeMount(route.path), events: route.events }))
    .sort((a, b) => b.mount.length - a.mount.length || a.index - b.index);
  return (target, event) => {
    for (const route of order) {
      if (!underMount(target, route.mount)) continue;
      if (route.events === undefined) return route.index;
      if (event === undefined) return 'event';
      if (event !== null && eventMatches(event, route.events)) return route.index;
    }
    return -1;
  };
}

/** Whether `--events` shows a delivery of this event type (without `--events`, every one). */
export function eventShown(event: string | null, events: readonly string[] | undefined): boolean {
  return events === undefined || (event !== null && eventMatches(event, events));
}

/** `issues.opened` matches `issues.opened` and `issues`; `push` does not match `pushed`. */
export function eventMatches(event: string, types: readonly string[]): boolean {
  return types.some((type) => event === type || event.startsWith(`${type}.`));
}

/** `webhook/` → `/webhook`; `/` stays `/`. */
export function normalizeMount(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

/** `/webhook` matches `/webhook`, `/webhook/github` and `/webhook?x=1`, not `/webhooks`. */
export function underMount(target: string, mount: string): boolean {
  if (mount === '/') return true;
  if (!target.startsWith(mount)) return false;
  const next = target.charAt(mount.length);
  return next === '' || next === '/' || next === '?';
}
