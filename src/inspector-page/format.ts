// Text helpers of the page. Pure: no DOM, unit-tested in node (test/inspector/page-format.test.ts).
import type { JsonChange, ReplayResult } from './api-types.js';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The time of day in the browser's locale, 24-hour; text that is not a date is shown as it is. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false });
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { hour12: false });
}

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/** A JSON value on one line, cut at `max` characters. */
export function shortJson(value: unknown, max = 240): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** How a JSON pointer is shown: the root (the empty pointer) as `(body)`. */
export function pointerLabel(pointer: string): string {
  return pointer === '' ? '(body)' : pointer;
}

/** The inline result of a replay: `✓ 201 after 1 attempt in 23 ms · created`. */
export function describeReplay(result: ReplayResult): string {
  const attempts = plural(result.attempts, 'attempt');
  if (result.error && result.status === null) {
    return `✗ no response after ${attempts} (${result.ms} ms): ${result.error}`;
  }
  const head = `${result.ok ? '✓' : '✗'} ${result.status ?? 'no response'} after ${attempts} in ${result.ms} ms`;
  const tail = [result.error, result.responseBodyFirstLine].filter(Boolean).join(' · ');
  return tail ? `${head} · ${tail}` : head;
}

export const CHANGE_SYMBOLS: Record<JsonChange['kind'], string> = { added: '+', removed: '−', changed: '~' };

/** The line above a diff: `From the selected delivery to this one: 1 added, 0 removed, 2 changed.` */
export function describeDiff(changes: readonly JsonChange[], truncated: boolean): string {
  const counts = (['added', 'removed', 'changed'] as const)
    .map((kind) => `${changes.filter((change) => change.kind === kind).length} ${kind}`)
    .join(', ');
  return `From the selected delivery to this one: ${counts}${truncated ? ' (first ones only)' : ''}.`;
}
