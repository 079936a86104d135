import type { ProviderDescription } from './types.js';

/**
 * Sentry (integration platform webhooks).
 * Signature: https://docs.sentry.io/integrations/integration-platform/webhooks/ (Headers,
 *   Verifying the Signature): `Sentry-Hook-Signature: <hex HMAC-SHA256(client secret, body)>`,
 *   no prefix; the page's example keys `createHmac('sha256', secret)` with the integration's
 *   Client Secret and compares the hex digest of the JSON body with the header.
 * Timestamp: `Sentry-Hook-Timestamp` is sent but not signed and no tolerance is documented, so
 *   no time is checked.
 * Headers: `Request-ID` ("a unique identifier for tracking and debugging specific events"),
 *   `Sentry-Hook-Resource` (installation, event_alert, issue, metric_alert, error, comment);
 *   the payloads carry an `action` (e.g. `created`).
 * Delivery (`trigger`): the same page's headers, as Sentry's own code writes them
 *   (getsentry/sentry src/sentry/sentry_apps/api/serializers/app_platform_event.py, `headers`):
 *   `Content-Type: application/json`, `Request-ID` `uuid4().hex` (32 hex digits),
 *   `Sentry-Hook-Resource` (set per sample: the event's first part), `Sentry-Hook-Timestamp`
 *   `str(int(time()))` (Unix seconds) and the signature; bodies `{ action, installation: { uuid }, data, actor }` as on the
 *   resource pages (issues, errors, event alerts). No User-Agent is documented.
 * No handshake.
 */
export const sentry: ProviderDescription = {
  id: 'sentry',
  name: 'Sentry',
  docs: 'https://docs.sentry.io/integrations/integration-platform/webhooks/',
  summary:
    'POSTs JSON { action, data, installation, actor } with Request-ID, Sentry-Hook-Resource, Sentry-Hook-Timestamp and Sentry-Hook-Signature: <hex HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'Sentry-Hook-Signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where:
        "the integration's Client Secret (Settings → Developer Settings → Custom Integrations → the integration)",
      example: '3a1f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f',
    },
  },
  detect: ['Sentry-Hook-Signature'],
  deliveryId: [{ header: 'Request-ID' }],
  eventType: { in: { header: 'Sentry-Hook-Resource' }, suffix: { json: 'action' } },
  delivery: {
    docs: 'https://docs.sentry.io/integrations/integration-platform/webhooks/',
    contentType: 'application/json',
    headers: { 'Request-ID': '{{hex:32#request}}', 'Sentry-Hook-Timestamp': '{{unix}}' },
  },
};
