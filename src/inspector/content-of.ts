import type { DeliveryContent } from '../listen/delivery.js';
import { DEFAULT_MAX_DECODED } from '../listen/handle-delivery.js';
import { readContent } from '../listen/read-content.js';
import type { HeldDelivery } from './history-store.js';

/**
 * A held delivery's body decoded and parsed again, for one request of the page (the detail view,
 * a diff, a search): the result is dropped once that answer is sent. Capped like the listener's.
 */
export function contentOf(
  delivery: HeldDelivery,
  maxDecoded = DEFAULT_MAX_DECODED,
): Promise<DeliveryContent> {
  return readContent(delivery.body, delivery.headers, maxDecoded);
}
