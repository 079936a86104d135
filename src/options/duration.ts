import { UsageError } from '../errors.js';

/** Milliseconds per unit of every duration (also the offsets of sample templates, src/trigger/). */
export const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * `250ms`, `30s`, `1.5s`, `5m`, `1h`, `2d` → milliseconds: the one parser of every duration flag
 * (`--timeout`, `--delay`, `--forward-timeout`, `--min-delay`, `--max-delay`, `--max-elapsed`,
 * `--tolerance`). The unit is required, since `--timeout 30` could mean 30 ms or 30 s; only `0` can
 * go without one. At most 24 days: what a timer can wait.
 */
export function parseDuration(text: string, flag = 'duration'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() ?? (Number(match?.[1]) === 0 ? 'ms' : undefined);
  if (!match || !unit) {
    throw new UsageError(`${flag}: '${text}' is not a duration`, {
      hint: 'use a number with a unit: 250ms, 30s, 5m or 1h',
    });
  }
  const ms = Number(match[1]) * (DURATION_UNITS[unit] as number);
  if (!Number.isFinite(ms) || ms > 2 ** 31 - 1) {
    throw new UsageError(`${flag}: '${text}' is too long`, { hint: 'use at most 24 days' });
  }
  return Math.round(ms);
}

/** 1234 → `1.2s`, 450 → `450ms`, 90_000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
}
