import type { ProviderDescription } from './types.js';

/**
 * Linear.
 * Signature: https://linear.app/developers/webhooks and
 *   https://linear.app/developers/sdk-webhooks, as @linear/sdk@98.0.0 implements it
 *   (dist/webhooks-*.mjs `LinearWebhookClient.verify`):
 *   `linear-signature: <hex HMAC-SHA256(signing secret, raw body)>`, no prefix; the secret text
 *   is the key (LINEAR_WEBHOOK_SIGNATURE_HEADER = "linear-signature").
 * Timestamp: the body's `webhookTimestamp` (LINEAR_WEBHOOK_TS_FIELD), Unix milliseconds; the
 *   SDK rejects `Math.abs(Date.now() - timestamp) > 1e3 * 60` (60 s, both ways), after the
 *   signature matched. The `linear-timestamp` header is ignored by the SDK (its CHANGELOG: the
 *   signed body timestamp takes precedence), so it is not used here either.
 * Event type: the body's `type` (`Issue`, `Comment`, ...), what `handler.on(type)` dispatches
 *   on, plus its `action` (`create`, `update`, `remove`).
 * Delivery id: not taken; the `Linear-Delivery` header appears only in third-party pages, not in
 *   Linear's own docs or SDK source found.
 * Delivery: https://linear.app/developers/webhooks ("HTTP push notifications", a JSON body
 *   `{ action, actor, createdAt, data, url, type, organizationId, webhookTimestamp, webhookId }`);
 *   the page spells out no Content-Type, so the plain `application/json` is sent. The SDK reads a
 *   `linear-timestamp` header (LINEAR_WEBHOOK_TS_HEADER, "Legacy timestamp header", used as
 *   `webhookTimestamp ?? timestampHeader`), so it is sent with the body's Unix-ms value.
 *   `Linear-Delivery`, `Linear-Event` and a user agent are left out: only third-party pages name
 *   them.
 * No handshake.
 */
export const linear: ProviderDescription = {
  id: 'linear',
  name: 'Linear',
  docs: 'https://linear.app/developers/webhooks',
  summary:
    'POSTs JSON { action, type, data, url, createdAt, webhookTimestamp } with linear-signature: <hex HMAC-SHA256 of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'linear-signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the webhook's signing secret (Settings → API → Webhooks → the webhook)",
      example: 'wh-secret-4b3f0a9c2d7e6f5a4b3c2d1e0f9a8b7c',
    },
    timestamp: {
      in: { json: 'webhookTimestamp' },
      unit: 'unix-ms',
      toleranceSeconds: 60,
      direction: 'both',
      checked: 'after',
    },
  },
  detect: ['linear-signature'],
  eventType: { in: { json: 'type' }, suffix: { json: 'action' } },
  delivery: {
    docs: 'https://linear.app/developers/webhooks',
    contentType: 'application/json',
    headers: { 'linear-timestamp': '{{unix-ms}}' },
  },
};
