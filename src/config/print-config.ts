import type { DeliveryOptions, ListenOptions } from '../listen/listen-options.js';
import { formatDuration } from '../options/duration.js';
import { formatSize } from '../options/size.js';

/** What every secret is shown as: its presence, never a character of it. */
export const MASK = '********';

/**
 * `listen --print-config`: the settings `listen` would run with, after the config file and the
 * flags, as JSON in the config file's keys (sizes and durations as text). Secrets are masked; a
 * `params` value (a webhook id, not a secret) and public keys are shown as given. Pure.
 */
export function renderEffectiveConfig(options: ListenOptions, source: string | null): string {
  const listen: Record<string, unknown> = {
    port: options.port,
    host: options.host,
    ...(options.path !== undefined && { path: options.path }),
    maxBody: formatSize(options.maxBody),
    maxConnections: options.maxConnections,
    maxDecoding: formatSize(options.maxDecoding),
    forwardTimeout: formatDuration(options.forwardTimeoutMs),
    ...(options.forwardMaxResponseBytes !== undefined && {
      forwardMaxResponse: formatSize(options.forwardMaxResponseBytes),
    }),
    ...(options.maxEvents !== undefined && { maxEvents: options.maxEvents }),
    ...(options.timeoutMs !== undefined && { timeout: formatDuration(options.timeoutMs) }),
    ...deliverySettings(options),
    routes: (options.routes ?? []).map((route) => ({
      path: route.path,
      ...(route.events !== undefined && { events: route.events }),
      ...deliverySettings(route),
    })),
  };
  return `${JSON.stringify({ config: source, listen }, null, 2)}\n`;
}

function deliverySettings(options: DeliveryOptions): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  if (options.verify) {
    const { settings, publicKey } = options.verify;
    shown.verify = settings.provider === 'auto' ? 'auto' : settings.provider.id;
    shown.secrets = settings.secrets.map(() => MASK);
    if (publicKey) shown.publicKey = 'file' in publicKey ? publicKey.file : publicKey.text;
    if (settings.toleranceSeconds !== undefined) {
      shown.tolerance = formatDuration(settings.toleranceSeconds * 1000);
    }
    if (settings.url !== undefined) shown.publicUrl = settings.url;
    if (settings.params !== undefined) shown.params = settings.params;
  }
  if (options.schemaRefs.length > 0) shown.schema = options.schemaRefs;
  if (options.event !== undefined) shown.event = options.event;
  if (options.saveDir !== undefined) shown.save = options.saveDir;
  if (options.forwardTo !== undefined) shown.forwardTo = options.forwardTo.href;
  else {
    if (options.statuses.length > 1) shown.respond = options.statuses;
    else shown.status = options.statuses[0];
    if (options.responseBody !== undefined) shown.responseBody = options.responseBody;
    if (options.responseHeaders.length > 0)
      shown.responseHeader = Object.fromEntries(options.responseHeaders);
    if (options.delayMs > 0) shown.delay = formatDuration(options.delayMs);
  }
  if (options.rejectInvalid) shown.rejectInvalid = true;
  return shown;
}
