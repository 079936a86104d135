import type { ListenOptions } from '../listen/listen-options.js';
import type { ListenerConfig } from '../listen/start-listener.js';
import { formatDuration } from '../options/duration.js';
import { formatSize } from '../options/size.js';

/** The lines `listen` prints once it accepts connections: where, and what it does with each delivery. */
export function renderListenReady(options: ListenOptions, config: ListenerConfig, url: string): string[] {
  const lines = [`Listening on ${url}  (Ctrl-C to stop)`];
  const line = (label: string, text: string) => lines.push(`  ${label.padEnd(11)}${text}`);
  if (options.path) line('path', `${options.path} only (other paths get 404)`);
  (config.routes ?? []).forEach((route, index) => {
    const events = route.events ? ` (${route.events.join(', ')})` : '';
    const verify = route.verify && (route.verify.provider === 'auto' ? 'auto' : route.verify.provider.id);
    const answer = options.routes?.[index]?.statuses.join(', ');
    const parts = [
      verify && `verifying ${verify}`,
      route.schemas && `validating ${options.routes?.[index]?.schemaRefs.join(', ')}`,
      route.save && `saving to ${route.save.dir}`,
      route.forward ? `forwarding to ${route.forward.url.href}` : `answering ${answer}`,
    ].filter(Boolean);
    line(index === 0 ? 'routes' : '', `${route.path}${events}: ${parts.join(', ')}`);
  });
  if (config.routes) line('', 'other paths: the settings below');
  if (config.verify) {
    const { provider, secrets } = config.verify;
    const name = provider === 'auto' ? "each delivery's provider" : provider.id;
    const keys =
      secrets.length > 0 ? `${secrets.length} secret${secrets.length === 1 ? '' : 's'}` : 'a public key';
    line('verifying', `${name} signatures (${keys})`);
  }
  if (config.schemas) {
    for (const description of config.schemas.describe()) line('validating', description);
    if (options.event) line('', `as event ${options.event}`);
  }
  if (options.events) line('printing', `only ${options.events.join(', ')}`);
  if (config.save) line('saving', `to ${config.save.dir}`);
  if (config.forward) {
    line('forwarding', `to ${config.forward.url.href} (timeout ${formatDuration(config.forward.timeoutMs)})`);
  } else {
    const statuses = options.statuses;
    const answer =
      statuses.length > 1 ? `${statuses.join(', ')} (then ${statuses.at(-1)})` : String(statuses[0]);
    const extras = [
      options.responseBody !== undefined && `body ${formatSize(config.response.body.length)}`,
      options.responseHeaders.length > 0 && `${options.responseHeaders.length} header(s)`,
      options.delayMs > 0 && `after ${formatDuration(options.delayMs)}`,
    ].filter(Boolean);
    line('answering', `${answer}${extras.length ? `, ${extras.join(', ')}` : ''}`);
  }
  if (options.rejectInvalid) line('rejecting', 'failed signatures with 401, invalid payloads with 422');
  if (options.maxEvents !== undefined) {
    line('stopping', `after ${options.maxEvents} ${options.maxEvents === 1 ? 'delivery' : 'deliveries'}`);
  }
  if (options.timeoutMs !== undefined) line('stopping', `after ${formatDuration(options.timeoutMs)}`);
  if (options.maxBody !== 1024 * 1024) line('max body', formatSize(options.maxBody));
  return lines;
}
