import type { Delivery } from './delivery.js';

/** What the listener saw, for the summary on stop and the exit status. Built from deliveries only. */
export interface ListenSummary {
  /** Deliveries accepted and answered (not counting 404s for other paths and 413s). */
  deliveries: number;
  /** Event type → count, in order of first arrival; `null` events are counted under `(none)`. */
  events: Map<string, number>;
  handshakes: number;
  /** null when --verify was not used. */
  signature: { ok: number; failed: number; reasons: Map<string, number> } | null;
  /** null when --schema was not used. */
  validation: { valid: number; invalid: number; noSchema: number } | null;
  /** null when --forward-to was not used. `failed` = the app answered outside 2xx; `errors` = no answer. */
  forward: { ok: number; failed: number; errors: number } | null;
  /** null when --save was not used. */
  saved: { dir: string; count: number; errors: number } | null;
  rejected: { tooLarge: number; otherPath: number };
}

export interface SummaryChecks {
  verify: boolean;
  validate: boolean;
  forward: boolean;
  saveDir: string | null;
}

export function emptySummary(checks: SummaryChecks): ListenSummary {
  return {
    deliveries: 0,
    events: new Map(),
    handshakes: 0,
    signature: checks.verify ? { ok: 0, failed: 0, reasons: new Map() } : null,
    validation: checks.validate ? { valid: 0, invalid: 0, noSchema: 0 } : null,
    forward: checks.forward ? { ok: 0, failed: 0, errors: 0 } : null,
    saved: checks.saveDir === null ? null : { dir: checks.saveDir, count: 0, errors: 0 },
    rejected: { tooLarge: 0, otherPath: 0 },
  };
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** Adds one delivery to the summary (mutates it: called once per delivery on the hot path). */
export function addToSummary(summary: ListenSummary, delivery: Delivery): void {
  if (!delivery.accepted) {
    if (delivery.response.status === 413) summary.rejected.tooLarge += 1;
    else summary.rejected.otherPath += 1;
    return;
  }
  summary.deliveries += 1;
  bump(summary.events, delivery.event ?? '(none)');
  if (delivery.handshake) summary.handshakes += 1;
  if (summary.signature && delivery.signature) {
    if (delivery.signature.ok) summary.signature.ok += 1;
    else {
      summary.signature.failed += 1;
      bump(summary.signature.reasons, delivery.signature.reason ?? 'failed');
    }
  }
  if (summary.validation && delivery.validation) {
    if (delivery.validation.ok) summary.validation.valid += 1;
    else if (delivery.validation.schema === null) summary.validation.noSchema += 1;
    else summary.validation.invalid += 1;
  }
  if (summary.forward && delivery.forward) {
    const { status } = delivery.forward;
    if (status === null) summary.forward.errors += 1;
    else if (status >= 200 && status < 300) summary.forward.ok += 1;
    else summary.forward.failed += 1;
  }
  if (summary.saved) {
    if (delivery.savedTo) summary.saved.count += 1;
    else if (delivery.saveError) summary.saved.errors += 1;
  }
}

/**
 * True when every delivery passed the checks that were asked for: signatures verified, payloads
 * valid, the app answered 2xx, every capture saved, and nothing was rejected as too large.
 */
export function summaryPassed(summary: ListenSummary): boolean {
  return (
    (summary.signature?.failed ?? 0) === 0 &&
    (summary.validation ? summary.validation.invalid + summary.validation.noSchema : 0) === 0 &&
    (summary.forward ? summary.forward.failed + summary.forward.errors : 0) === 0 &&
    (summary.saved?.errors ?? 0) === 0 &&
    summary.rejected.tooLarge === 0
  );
}
