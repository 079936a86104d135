import type { ListenSummary } from '../listen/listen-summary.js';
import { formatDuration } from '../options/duration.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { Colors } from './colors.js';

export interface SummaryTextOptions {
  colors: Colors;
  /** Why the listener stopped: `Ctrl-C`, `SIGTERM`, `--max-events 3`, `--timeout 30s`. */
  reason: string;
  durationMs: number;
  /** `--max-events` when the listener stopped before that many deliveries arrived. */
  expected?: number;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The summary printed on stderr when the listener stops. Pure; ends with a newline. */
export function renderListenSummary(summary: ListenSummary, options: SummaryTextOptions): string {
  const { colors: c } = options;
  const good = (text: string) => c.green(text);
  const badIf = (count: number, text: string) => (count > 0 ? c.red(text) : text);
  const lines = [
    `Stopped (${options.reason}) after ${formatDuration(options.durationMs)}: ${plural(summary.deliveries, 'delivery', 'deliveries')}`,
  ];
  if (summary.events.size > 0) {
    const events = [...summary.events].map(([event, count]) => `${escapeTerminalLine(event)} ${count}`);
    lines.push(`  events     ${events.join(', ')}`);
  }
  if (summary.handshakes > 0) lines.push(`  handshakes ${summary.handshakes} answered`);
  if (summary.signature) {
    const { ok, failed, reasons } = summary.signature;
    const why = [...reasons].map(([reason, count]) => `${reason} ${count}`).join(', ');
    lines.push(
      `  signature  ${good(`${ok} ok`)}, ${badIf(failed, `${failed} failed${why ? ` (${why})` : ''}`)}`,
    );
  }
  if (summary.validation) {
    const { valid, invalid, noSchema } = summary.validation;
    const none = noSchema > 0 ? `, ${c.red(`${noSchema} without a schema`)}` : '';
    lines.push(`  schema     ${good(`${valid} valid`)}, ${badIf(invalid, `${invalid} invalid`)}${none}`);
  }
  if (summary.forward) {
    const { ok, failed, errors } = summary.forward;
    lines.push(
      `  forward    ${good(`${ok} answered 2xx`)}, ${badIf(failed, `${failed} other status`)}, ${badIf(errors, `${errors} not answered`)}`,
    );
  }
  if (summary.saved) {
    const { dir, count, errors } = summary.saved;
    const failed = errors > 0 ? `, ${c.red(`${errors} not saved`)}` : '';
    lines.push(`  saved      ${plural(count, 'capture')} in ${escapeTerminalLine(dir)}${failed}`);
  }
  if (options.expected !== undefined && summary.deliveries < options.expected) {
    lines.push(
      `  ${c.red(`expected   ${plural(options.expected, 'delivery', 'deliveries')} (--max-events), got ${summary.deliveries}`)}`,
    );
  }
  const { tooLarge, otherPath } = summary.rejected;
  if (tooLarge > 0 || otherPath > 0) {
    const parts = [];
    if (tooLarge > 0) parts.push(c.red(`${tooLarge} too large (413)`));
    if (otherPath > 0) parts.push(`${otherPath} for other paths (404)`);
    lines.push(`  rejected   ${parts.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
