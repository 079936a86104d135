import type { HeaderList } from '../options/headers.js';
import type { Delivery } from './delivery.js';
import type { Handshake } from './detect-handshake.js';

/** How to answer when not forwarding: `--status`/`--respond`, `--response-body`, `--response-header`, `--delay`. */
export interface ResponsePlan {
  /** `--respond 500,500,200`: the n-th delivery gets the n-th status, the last one repeats. */
  statuses: number[];
  body: Buffer;
  headers: HeaderList;
  delayMs: number;
  /** `--reject-invalid`: 401 for a failed signature, 422 for an invalid payload. */
  rejectInvalid: boolean;
}

export interface PlannedResponse {
  status: number;
  headers: HeaderList;
  body: Buffer | string;
  delayMs: number;
  /** False when the answer was decided here without the app (rejections, handshakes). */
  forwardable: boolean;
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

/**
 * The answer for one delivery, before any forwarding: rejections first, then handshakes, then the
 * script. `index` counts the deliveries that reached the script. Pure.
 */
export function chooseResponse(
  plan: ResponsePlan,
  index: number,
  checks: Pick<Delivery, 'signature' | 'validation'> & { handshake: Handshake | null },
): PlannedResponse {
  const { signature, validation, handshake } = checks;
  if (plan.rejectInvalid && signature && !signature.ok) {
    const body = JSON.stringify({ error: 'invalid signature', reason: signature.reason ?? null });
    return { status: 401, headers: [JSON_TYPE], body, delayMs: plan.delayMs, forwardable: false };
  }
  // A handshake is answered as its provider requires, unless its signature failed.
  if (handshake?.response && !(signature && !signature.ok)) {
    return { ...handshake.response, delayMs: 0, forwardable: false };
  }
  if (plan.rejectInvalid && validation && !validation.ok) {
    const body = JSON.stringify({
      error: 'invalid payload',
      schema: validation.schema,
      message: validation.message ?? null,
      errors: validation.errors,
    });
    return { status: 422, headers: [JSON_TYPE], body, delayMs: plan.delayMs, forwardable: false };
  }
  const status = plan.statuses[Math.min(index, plan.statuses.length - 1)] ?? 200;
  return { status, headers: plan.headers, body: plan.body, delayMs: plan.delayMs, forwardable: true };
}
