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
