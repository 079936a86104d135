import type { EventType, PayloadContext, SchemaRegistry } from '../schemas/types.js';
import type { Delivery } from './delivery.js';

/** A delivery's schema check, as the delivery records it. */
export type PayloadCheck = NonNullable<Delivery['validation']>;

/**
 * Checks a parsed payload against the registry; `event` is the event type already detected from
 * `context` (so it is not detected twice). A broken schema, a payload too deep for it and a payload
 * no schema was chosen for are failed checks with a message.
 */
export function checkPayload(
  schemas: SchemaRegistry,
  context: PayloadContext,
  options: { maxErrors: number; event?: EventType },
): PayloadCheck {
  const outcome = schemas.validate(context, options);
  if (outcome.status === 'valid') return { schema: outcome.schema, ok: true, errors: [] };
  if (outcome.status === 'invalid') {
    return {
      schema: outcome.schema,
      ok: false,
      errors: outcome.errors.map(({ pointer, message }) => ({ pointer, message })),
    };
  }
  if (outcome.status === 'no-schema')
    return { schema: null, ok: false, errors: [], message: outcome.message };
  return { schema: outcome.schema, ok: false, errors: [], message: outcome.message };
}
