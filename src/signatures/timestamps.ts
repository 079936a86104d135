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
  const limit = `the ${formatDuration(tolerance * 1000)} tolerance`;
  if (age > tolerance) {
    return failure(
      scheme,
      'timestamp-too-old',
      `${when} is ${formatDuration(age * 1000)} old, beyond ${limit}`,
    );
  }
  if (rejectFuture && -age > tolerance) {
    return failure(
      scheme,
      'timestamp-in-future',
      `${when} is ${formatDuration(-age * 1000)} in the future, beyond ${limit}`,
    );
  }
  return undefined;
}

function describeUnix(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().replace('.000Z', 'Z');
}
