import type { ListenOptions } from '../listen/listen-options.js';
import type { HandlerOutline } from '../listen/settings-outline.js';
import { formatDuration } from '../options/duration.js';
import { formatSize } from '../options/size.js';

/** The lines `listen` prints once it accepts connections: where, and what it does with each delivery. */
export function renderListenReady(options: ListenOptions, outline: HandlerOutline, url: string): string[] {
  const lines = [`Listening on ${url}  (Ctrl-C to stop)`];
  const line = (label: string, text: string) => lines.push(`  ${label.padEnd(11)}${text}`);
  if (options.path) line('path', `${options.path} only (other paths get 404)`);
  outline.routes.forEach((route, index) => {
    const events = route.events ? ` (${route.events.join(', ')})` : '';
    const answer = options.routes?.[index]?.statuses.join(', ');
    const parts = [
      route.verify && `verifying ${route.verify.provider}`,
      route.schemas && `validating ${options.routes?.[index]?.schemaRefs.join(', ')}`,
      route.saveDir !== null && `saving to ${route.saveDir}`,
      route.forward ? `forwarding to ${route.forward.url}` : `answering ${answer}`,
    ].filter(Boolean);
    line(index === 0 ? 'routes' : '', `${route.path}${events}: ${parts.join(', ')}`);
  });
  if (outline.routes.length > 0) line('', 'other paths: the settings below');
  if (outline.verify) {
    const { provider, secrets } = outline.verify;
    const name = provider === 'auto' ? "each delivery's provider" : provider;
    const keys = secrets > 0 ? `${secrets} secret${secrets === 1 ? '' : 's'}` : 'a public key';
    line('verifying', `${name} signatures (${keys})`);
  }
  if (outline.schemas) {
    for (const description of outline.schemas) line('validating', description);
    if (options.event) line('', `as event ${options.event}`);
  }
  if (options.events) line('printing', `only ${options.events.join(', ')}`);
  if (outline.saveDir !== null) line('saving', `to ${outline.saveDir}`);
  if (outline.forward) {
    line('forwarding', `to ${outline.forward.url} (timeout ${formatDuration(outline.forward.timeoutMs)})`);
  } else {
    const statuses = options.statuses;
    const answer =
      statuses.length > 1 ? `${statuses.join(', ')} (then ${statuses.at(-1)})` : String(statuses[0]);
    const extras = [
      options.responseBody !== undefined && `body ${formatSize(outline.responseBodyBytes)}`,
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
