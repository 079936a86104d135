import type { DeliveryReport } from './delivery-report.js';

/** How one input ended. */
export type SendOutcome =
  | 'delivered'
  /** Attempted and not delivered. */
  | 'failed'
  /** Could not be read as a payload (unreadable, malformed capture, sha256 mismatch, ...). */
  | 'bad-input'
  /** Never started: Ctrl-C or --fail-fast stopped the run first. */
  | 'not-sent';

/** One input's result, as every view (text, JSON, --failed) renders it. */
export interface SendResult {
  input: string;
  outcome: SendOutcome;
  /** Attempts allowed per payload (retries + 1), for `attempt 2/6`. */
  maxAttempts: number;
  report?: DeliveryReport;
  /** Why a bad input could not be used, or why a payload was not sent. */
  message?: string;
  /** The URL it was (or would have been) sent to. */
  url?: string;
}

export interface SendSummary {
  delivered: number;
  failed: number;
  badInputs: number;
  notSent: number;
  attempts: number;
  elapsedMs: number;
  /** Why the run stopped early, if it did. */
  stoppedBy?: 'interrupted' | 'fail-fast';
  /** Where undelivered inputs were written. */
  failedFile?: string;
}

/** Adds one result to the counts. */
export function countResult(summary: SendSummary, result: SendResult): void {
  if (result.outcome === 'delivered') summary.delivered += 1;
  else if (result.outcome === 'failed') summary.failed += 1;
  else if (result.outcome === 'bad-input') summary.badInputs += 1;
  else summary.notSent += 1;
  summary.attempts += result.report?.attempts.length ?? 0;
}
