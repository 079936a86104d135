import { getHeader, type HeaderList } from '../options/headers.js';

// Headers that carry the sender's own id for a delivery, most specific first.
const ID_HEADERS = [
  'x-github-delivery',
  'webhook-id',
  'svix-id',
  'x-shopify-webhook-id',
  'x-gitlab-event-uuid',
  'x-request-id',
];

/**
 * The provider's delivery id, so a person can match what they see with the sender's dashboard:
 * from the headers, else Stripe's `evt_...` id or Slack's `event_id` in the body.
 */
export function findDeliveryId(headers: HeaderList, payload: unknown): string | null {
  for (const name of ID_HEADERS) {
    const value = getHeader(headers, name);
    if (value) return value;
  }
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const body = payload as Record<string, unknown>;
    if (typeof body.id === 'string' && body.id.startsWith('evt_')) return body.id;
    if (typeof body.event_id === 'string') return body.event_id;
  }
  return null;
}
