import { formatDuration } from '../options/duration.js';
import { formatRate } from './send-report.js';

export interface SendProgress {
  done: number;
  /** Undefined while the inputs are still being counted. */
  total?: number;
  delivered: number;
  failed: number;
  elapsedMs: number;
}

/** `412/10000  ✔ 410  ✘ 2  380/s  ETA 25s` — the line redrawn on a terminal while sending. */
export function formatSendProgress(progress: SendProgress): string {
  const rate = progress.elapsedMs > 0 ? progress.done / (progress.elapsedMs / 1000) : 0;
  const parts = [
    `${progress.done}/${progress.total ?? '…'}`,
    `✔ ${progress.delivered}`,
    `✘ ${progress.failed}`,
    `${formatRate(rate)}/s`,
  ];
  if (progress.total !== undefined && rate > 0 && progress.done < progress.total) {
    parts.push(`ETA ${formatDuration(((progress.total - progress.done) / rate) * 1000)}`);
  }
  return parts.join('  ');
}

/** The counts a progress line is drawn from (a send summary so far). */
export interface SendTally {
  delivered: number;
  failed: number;
  badInputs: number;
  notSent: number;
}

export interface SendProgressLine {
  /** The number of payloads, once counted. */
  setTotal(total: number): void;
  /** The text that redraws the line after a result, or '' when it is not due. */
  update(tally: SendTally, now: number): string;
  /** The text that erases the line ('' when it is not shown), before any other output. */
  clear(): string;
}

/** A progress line needs more than a handful of payloads to be worth drawing. */
const PROGRESS_MIN_PAYLOADS = 5;
const PROGRESS_INTERVAL_MS = 100;

/**
 * The line redrawn on a terminal's stderr while sending, as text: drawn at once after being
 * cleared for another line, otherwise at most every 100ms, and only past five payloads.
 */
export function createSendProgressLine(startedAt: number): SendProgressLine {
  let total: number | undefined;
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    setTotal(value) {
      total = value;
    },
    update(tally, now) {
      const done = tally.delivered + tally.failed + tally.badInputs + tally.notSent;
      if (Math.max(done, total ?? 0) <= PROGRESS_MIN_PAYLOADS) return '';
      if (shown && now - lastDraw < PROGRESS_INTERVAL_MS) return '';
      lastDraw = now;
      shown = true;
      const line = formatSendProgress({
        done,
        ...(total !== undefined ? { total } : {}),
        delivered: tally.delivered,
        failed: done - tally.delivered,
        elapsedMs: now - startedAt,
      });
      return `\r\x1b[K${line}`;
    },
    clear() {
      if (!shown) return '';
      shown = false;
      return '\r\x1b[K';
    },
  };
}
