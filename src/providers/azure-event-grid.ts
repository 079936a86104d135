import type { UnsignedSource } from './types.js';

/**
 * Azure Event Grid webhooks. Event Grid does not sign deliveries (it authenticates with a
 * header or query-parameter secret you configure, or Microsoft Entra ID), so it has no signature
 * description; `listen` answers its two endpoint validations.
 * - Event Grid schema: https://learn.microsoft.com/en-us/azure/event-grid/end-point-validation-event-grid-events-schema
 *   a POST with `aeg-event-type: SubscriptionValidation` whose JSON array holds a
 *   `Microsoft.EventGrid.SubscriptionValidationEvent` with `data.validationCode`; the endpoint
 *   answers `{ "validationResponse": <validationCode> }`.
 * - CloudEvents schema: https://learn.microsoft.com/en-us/azure/event-grid/end-point-validation-cloud-events-schema
 *   the CloudEvents v1.0 abuse protection (https://github.com/cloudevents/spec/blob/main/cloudevents/http-webhook.md#4-abuse-protection):
 *   an `OPTIONS` request with `WebHook-Request-Origin`; the endpoint answers with
 *   `WebHook-Allowed-Origin` naming that origin.
 * Events: https://learn.microsoft.com/en-us/azure/event-grid/event-schema (an array of
 * { id, eventType, subject, data, ... }).
 */
export const azureEventGrid: UnsignedSource = {
  id: 'azure-event-grid',
  name: 'Azure Event Grid',
  docs: 'https://learn.microsoft.com/en-us/azure/event-grid/webhook-event-delivery',
  summary:
    'POSTs a JSON array of events (Event Grid schema) or CloudEvents; validates the endpoint first with a SubscriptionValidationEvent or an OPTIONS request. Deliveries are not signed.',
  detect: ['aeg-event-type'],
  deliveryId: [{ json: '0.id' }],
  eventType: { in: { json: '0.eventType' } },
  handshake: [
    {
      kind: 'event-grid-validation',
      docs: 'https://learn.microsoft.com/en-us/azure/event-grid/end-point-validation-event-grid-events-schema',
    },
    {
      kind: 'cloudevents-options',
      docs: 'https://learn.microsoft.com/en-us/azure/event-grid/end-point-validation-cloud-events-schema',
    },
  ],
};
