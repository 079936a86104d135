// What the inspector's JSON API answers, from the server's own types: the page is compiled
// against them, so a change of the contract is a type error here, not a blank page.
import type { DeliveryDetail, DeliverySummary } from '../inspector/delivery-view.js';
import type { JsonChange, JsonDiff } from '../inspector/json-diff.js';
import type { ReplayResult } from '../inspector/start-inspector.js';

export type { DeliveryDetail, DeliverySummary, JsonChange, ReplayResult };

/** `GET /api/deliveries[?q=]` and the `snapshot` event. */
export interface DeliveryList {
  limit: number;
  forwardUrl: string | null;
  deliveries: DeliverySummary[];
}

/** The `delivery` event: a new or updated delivery, and the ids the history dropped for it. */
export interface DeliveryEvent {
  delivery: DeliverySummary;
  dropped: string[];
}

/** `GET /api/diff?from=&to=` */
export interface DiffAnswer extends JsonDiff {
  from: string;
  to: string;
  sameEvent: boolean;
}

/** The body of `POST /api/deliveries/<id>/replay`. */
export interface ReplayPayload {
  url?: string;
  body?: string;
}

/** Every error answer of the API. */
export interface ErrorAnswer {
  error: string;
}
