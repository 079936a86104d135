import type { HeaderList } from '../options/headers.js';

/** Where a request goes, as undici's `dispatch` takes it. */
export interface DispatchTarget {
  origin: string;
  path: string;
}

/**
 * Requests in undici's `dispatch` form (origin and path, a flat `[name, value, ...]` header list),
 * made once per URL and header list rather than per request: a batch usually sends every payload
 * to one URL with one shared header list (the request builder reuses it). With a fresh `new URL`
 * and `flat()` per request, send measured 87–90 % of 97a319c's payloads/s side by side
 * (bench/send-compare.js); with this, 98.5–99.0 % (BENCHMARKS.md). undici's Agent finds its
 * connection pool by the origin string, and an identical string each time is cheaper to look up.
 * One per batch (undici does not modify what it is given).
 */
export class DispatchForms {
  private lastUrl: string | undefined;
  private lastTarget: DispatchTarget = { origin: '', path: '' };
  private lastHeaders: HeaderList | undefined;
  private lastFlat: string[] = [];

  target(url: string): DispatchTarget {
    if (url !== this.lastUrl) {
      const parsed = new URL(url);
      this.lastTarget = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      this.lastUrl = url;
    }
    return this.lastTarget;
  }

  headers(headers: HeaderList): string[] {
    if (headers !== this.lastHeaders) {
      this.lastFlat = headers.flat();
      this.lastHeaders = headers;
    }
    return this.lastFlat;
  }
}
