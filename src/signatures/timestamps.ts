import { formatDuration } from '../options/duration.js';
import type { SchemeName, VerifyResult } from './types.js';
import { failure } from './verify-result.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A Unix timestamp in seconds: digits only (the providers' `parseInt` would also take `12abc`). */
export function parseUnixSeconds(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * Checks a signed timestamp against `now`. `tolerance` 0 turns the check off (as in Stripe's
 * library). `rejectFuture` false checks age only (Stripe); true checks both directions.
 */
export function checkTimestamp(
  scheme: SchemeName,
  timestamp: number,
  now: number,
  tolerance: number,
  rejectFuture: boolean,
): VerifyResult | undefined {
  if (tolerance <= 0) return undefined;
  const age = now - timestamp;
  const when = `timestamp ${timestamp} (${describeUnix(timestamp)})`;
  const limit = `the ${formatSeconds(tolerance)} tolerance`;
  if (age > tolerance) {
    return failure(scheme, 'timestamp-too-old', `${when} is ${formatSeconds(age)} old, beyond ${limit}`);
  }
  if (rejectFuture && -age > tolerance) {
    return failure(
      scheme,
      'timestamp-in-future',
      `${when} is ${formatSeconds(-age)} in the future, beyond ${limit}`,
    );
  }
  return undefined;
}

/** Like `formatDuration`, with days for the ages of old captures: `412d3h` rather than `9891h`. */
function formatSeconds(seconds: number): string {
  if (seconds < 2 * 86_400) return formatDuration(seconds * 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  return hours ? `${days}d${hours}h` : `${days}d`;
}

function describeUnix(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().replace('.000Z', 'Z');
}
