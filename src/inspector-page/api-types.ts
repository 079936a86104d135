// What the inspector's JSON API answers, from the server's own types: the page is compiled
// against them, so a change of the contract is a type error here, not a blank page.
import type { DeliveryDetail, DeliverySummary } from '../inspector/delivery-view.js';
import type { JsonChange } from '../inspector/json-diff.js';
import type { DeliveryEvent, DeliveryList, DiffAnswer, ReplayResult } from '../inspector/start-inspector.js';

export type {
  DeliveryDetail,
  DeliveryEvent,
  DeliveryList,
  DeliverySummary,
  DiffAnswer,
  JsonChange,
  ReplayResult,
};

/** The body of `POST /api/deliveries/<id>/replay`. */
export interface ReplayPayload {
  url?: string;
  body?: string;
}

/** Every error answer of the API. */
export interface ErrorAnswer {
  error: string;
}
