import type { Delivery, DeliveryRoute } from '../listen/delivery.js';
import { formatDuration } from '../options/duration.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { formatSize } from '../options/size.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { ColorLevel, Colors } from './colors.js';
import { renderDeliveryBody } from './delivery-body.js';

/** Header values never printed to a terminal. */
const REDACTED = new Set(['authorization', 'cookie', 'proxy-authorization']);
/** Longest line of a body printed without `--full`. */
const MAX_LINE_CHARS = 2000;

export interface DeliveryTextOptions {
  colors: Colors;
  /** `-q`: the header line only; `-v`: also the headers and the app's response body. */
  verbosity: 'quiet' | 'normal' | 'verbose';
  /** `--max-lines`: body lines shown before the cut. */
  maxLines: number;
  /** `--full`: never cut. */
  full: boolean;
  /** `--path`, named on the dimmed line for requests elsewhere. */
  mountPath?: string;
  /** `--max-body`, named on the line for a rejected body. */
  maxBody?: number;
}

/** `DeliveryTextOptions` as another thread can be given them: the colour level instead of the colours. */
export type DeliveryTextView = Omit<DeliveryTextOptions, 'colors'> & { colorLevel: ColorLevel };

/** Views rendered by the thread that handled the delivery (src/listen/delivery-thread.ts). */
const renderedElsewhere = new WeakMap<Delivery, Buffer>();

/** Says that `text` is `renderDeliveryText(delivery)` with the listener's own view, made by the delivery's thread. */
export function rememberDeliveryText(delivery: Delivery, text: Buffer): void {
  renderedElsewhere.set(delivery, text);
}

/** The delivery as `renderDeliveryText` renders it: as its thread already did, or here. */
export function deliveryText(delivery: Delivery, options: DeliveryTextOptions): string | Buffer {
  return renderedElsewhere.get(delivery) ?? renderDeliveryText(delivery, options);
}

/** The header line, in local time. */
function clock(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * One delivery as text for a person: a header line (time, method, path, event, delivery id, size,
 * ✔/✘ for signature, schema and forward), details of what failed, then headers (`-v`) and the
 * body. Everything that came from the request is escaped. Pure; ends with a newline.
 */
export function renderDeliveryText(delivery: Delivery, options: DeliveryTextOptions): string {
  const { colors: c } = options;
  const time = c.dim(clock(delivery.receivedAt));
  const request = `${c.bold(escapeTerminalLine(delivery.method))} ${escapeTerminalLine(delivery.path)}`;
  if (!delivery.accepted) {
    if (delivery.response.status === 404) {
      const where = options.mountPath ? ` (listening on --path ${options.mountPath})` : '';
      return `${c.dim(`${clock(delivery.receivedAt)}  ${escapeTerminalLine(delivery.method)} ${escapeTerminalLine(delivery.path)}  404 not found${where}`)}\n`;
    }
    const limit = options.maxBody === undefined ? '' : ` ${formatSize(options.maxBody)}`;
    const declared = getHeader(delivery.headers, 'content-length');
    const size = declared && /^\d+$/.test(declared) ? ` (${formatSize(Number(declared))})` : '';
    return `${time}  ${request}  ${c.red(`✘ rejected ${delivery.response.status}: body larger than --max-body${limit}${size}`)}\n`;
  }

  const ok = (text: string) => c.green(`✔ ${text}`);
  const bad = (text: string) => c.red(`✘ ${text}`);
  const parts = [time, request];
  if (delivery.event) parts.push(c.cyan(escapeTerminalLine(delivery.event)));
  if (delivery.deliveryId) parts.push(c.dim(escapeTerminalLine(delivery.deliveryId)));
  parts.push(formatSize(delivery.body.length));
  if (delivery.route) parts.push(c.dim(`route ${escapeTerminalLine(routeLabel(delivery.route))}`));
  const { signature, validation, forward } = delivery;
  // Without --verify, say which provider the headers look like (with it, the signature says).
  if (!signature && delivery.provider) parts.push(c.dim(`from ${delivery.provider}`));
  if (delivery.handshake) parts.push(c.blue(`⇄ ${escapeTerminalLine(delivery.handshake)}`));
  if (signature) {
    parts.push(
      signature.ok ? ok(`signature ${signature.scheme}`) : bad(`signature ${signature.reason ?? 'failed'}`),
    );
  }
  if (validation) {
    if (validation.ok) parts.push(ok('schema'));
    else if (validation.schema === null) parts.push(bad('schema: none chosen'));
    else if (validation.errors.length === 0) parts.push(bad('schema: not checked'));
    else
      parts.push(bad(`schema ${validation.errors.length} error${validation.errors.length === 1 ? '' : 's'}`));
  }
  if (forward) {
    const took = formatDuration(forward.ms);
    if (forward.status === null) parts.push(bad(`forward ${delivery.response.status} ${took}`));
    else if (forward.status >= 200 && forward.status < 300)
      parts.push(ok(`forward ${forward.status} ${took}`));
    else parts.push(bad(`forward ${forward.status} ${took}`));
  } else {
    parts.push(`→ ${delivery.response.status}`);
  }
  const lines = [parts.join('  ')];
  if (options.verbosity === 'quiet') return `${lines[0]}\n`;

  const detail = (text: string) => lines.push(`  ${text}`);
  if (signature && !signature.ok) {
    detail(
      c.red(
        `signature (${signature.scheme}): ${signature.reason ?? 'failed'}${signature.detail ? ` — ${escapeTerminalLine(signature.detail)}` : ''}`,
      ),
    );
  }
  if (validation && !validation.ok) {
    if (validation.schema === null) {
      const message = escapeTerminalLine(validation.message ?? 'no schema chosen');
      detail(c.red(message.startsWith('no schema') ? message : `schema: ${message}`));
    } else {
      const why = validation.message === undefined ? '' : ` ${escapeTerminalLine(validation.message)}`;
      detail(c.red(`schema ${escapeTerminalLine(validation.schema)}:${why}`));
      for (const error of validation.errors) {
        detail(
          `  ${c.yellow(escapeTerminalLine(error.pointer || '/'))} ${escapeTerminalLine(error.message)}`,
        );
      }
    }
  } else if (validation && options.verbosity === 'verbose' && validation.schema) {
    detail(c.dim(`schema ${escapeTerminalLine(validation.schema)}`));
  }
  if (forward?.error)
    detail(c.red(`forward to ${escapeTerminalLine(forward.url)}: ${escapeTerminalLine(forward.error)}`));
  else if (forward && options.verbosity === 'verbose')
    detail(c.dim(`forwarded to ${escapeTerminalLine(forward.url)}`));
  if (delivery.savedTo) detail(c.dim(`saved ${escapeTerminalLine(delivery.savedTo)}`));
  if (delivery.saveError) detail(c.red(escapeTerminalLine(delivery.saveError)));

  if (options.verbosity === 'verbose') {
    for (const line of renderHeaders(delivery.headers, c)) detail(line);
  }
  const encoding = getHeader(delivery.headers, 'content-encoding');
  if (encoding && delivery.content.kind !== 'binary') {
    const decoded = decodedLength(delivery);
    detail(
      c.dim(`${escapeTerminalLine(encoding)}: ${formatSize(delivery.body.length)} → ${formatSize(decoded)}`),
    );
  }
  const body = renderDeliveryBody(delivery.content, c, options.full ? undefined : options.maxLines);
  for (const line of body.lines)
    detail(options.full || line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)}…`);
  if (body.lines.length < body.total) {
    detail(c.dim(`… ${body.total - body.lines.length} more lines (--full prints everything)`));
  }
  if (options.verbosity === 'verbose' && forward?.body) {
    detail(c.dim(`app answered ${forward.status}:`));
    for (const line of forward.body.split('\n')) detail(`  ${escapeTerminalLine(line)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderHeaders(headers: HeaderList, c: Colors): string[] {
  return headers.map(([name, value]) => {
    const shown = REDACTED.has(name.toLowerCase()) ? c.dim('[redacted]') : escapeTerminalLine(value);
    return `${c.dim(`${escapeTerminalLine(name)}:`)} ${shown}`;
  });
}

/** Header values as printed: Authorization, Cookie and Proxy-Authorization hidden. */
export function redactHeaders(headers: HeaderList): HeaderList {
  return headers.map(([name, value]) => [name, REDACTED.has(name.toLowerCase()) ? '[redacted]' : value]);
}

function decodedLength(delivery: Delivery): number {
  const { content } = delivery;
  if (content.kind === 'empty') return 0;
  if (content.kind === 'binary') return content.bytes.length;
  return Buffer.byteLength(content.text);
}

/** `/github`, or `/github (issues, push)` for a route limited to event types. */
function routeLabel(route: DeliveryRoute): string {
  return route.events ? `${route.path} (${route.events.join(', ')})` : route.path;
}
