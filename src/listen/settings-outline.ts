import type { DeliverySettings, HandlerConfig } from './handle-delivery.js';
import type { SummaryChecks } from './listen-summary.js';

/**
 * What one set of delivery settings does, as the ready lines and the summary tell it. Plain data,
 * so that a handler on another thread (delivery-thread.ts) can say it as well as one on this thread.
 */
export interface SettingsOutline {
  /** `auto` or the provider's id, and how many secrets (none: a public key). */
  verify: { provider: string; secrets: number } | null;
  /** The schema registry's description lines (one per `--schema`). */
  schemas: string[] | null;
  saveDir: string | null;
  forward: { url: string; timeoutMs: number } | null;
  /** Bytes of the scripted `--response-body`. */
  responseBodyBytes: number;
}

/** A config file route's outline: where it applies, and what it does. */
export interface RouteOutline extends SettingsOutline {
  path: string;
  events?: readonly string[];
}

/** The top-level settings and, first in line, the routes. */
export interface HandlerOutline extends SettingsOutline {
  routes: RouteOutline[];
}

function outlineSettings(settings: DeliverySettings): SettingsOutline {
  const { verify, forward } = settings;
  return {
    verify: verify
      ? {
          provider: verify.provider === 'auto' ? 'auto' : verify.provider.id,
          secrets: verify.secrets.length,
        }
      : null,
    schemas: settings.schemas ? settings.schemas.describe() : null,
    saveDir: settings.save ? settings.save.dir : null,
    forward: forward ? { url: forward.url.href, timeoutMs: forward.timeoutMs } : null,
    responseBodyBytes: settings.response.body.length,
  };
}

export function outlineHandler(config: HandlerConfig): HandlerOutline {
  return {
    ...outlineSettings(config),
    routes: (config.routes ?? []).map((route) => ({
      path: route.path,
      ...(route.events && { events: route.events }),
      ...outlineSettings(route),
    })),
  };
}

/** What the summary counts: whatever any of the settings checks. */
export function summaryChecks(outline: HandlerOutline): SummaryChecks {
  const all = [outline, ...outline.routes];
  const saveDirs = [...new Set(all.flatMap((each) => (each.saveDir === null ? [] : [each.saveDir])))];
  return {
    verify: all.some((each) => each.verify !== null),
    validate: all.some((each) => each.schemas !== null),
    forward: all.some((each) => each.forward !== null),
    saveDir: saveDirs.length > 0 ? saveDirs.join(', ') : null,
  };
}
