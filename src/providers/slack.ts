import type { ProviderDescription } from './types.js';

/**
 * Slack.
 * Signature: https://api.slack.com/authentication/verifying-requests-from-slack
 *   `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<ts>:<body>")>` with
 *   `X-Slack-Request-Timestamp: <unix>`; requests more than five minutes from local time (either
 *   way) are to be rejected, before the signature is checked.
 * Events API: https://api.slack.com/apis/events-api#callback-field (`event_id`, `event.type`);
 * handshake: https://api.slack.com/events/url_verification.
 * Delivery (`trigger`): https://api.slack.com/apis/events-api#receiving-events: a JSON POST
 *   (`Content-Type: application/json`) of the `event_callback` wrapper (`token`, `team_id`,
 *   `api_app_id`, `event`, `type`, `event_id`, `event_time`, `authorizations`,
 *   `is_ext_shared_channel`, `event_context`); the only other headers are the signature's two.
 *   `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` come only on retries. No User-Agent is
 *   documented for event deliveries.
 */
export const slack: ProviderDescription = {
  id: 'slack',
  name: 'Slack',
  docs: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  summary:
    'POSTs Events API JSON (or form-encoded commands) with X-Slack-Request-Timestamp and X-Slack-Signature: v0=<hex>; first a url_verification challenge.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: 'v0:{timestamp}:{body}',
    format: { kind: 'header', header: 'X-Slack-Signature', prefix: 'v0=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: "the app's Signing Secret (api.slack.com/apps → the app → Basic Information → App Credentials)",
      example: '8f742231b10e8888abcd99yyyzzz85a5',
    },
    timestamp: {
      in: { header: 'X-Slack-Request-Timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['X-Slack-Signature'],
  deliveryId: [{ json: 'event_id' }],
  eventType: { in: { json: 'event.type' } },
  delivery: {
    docs: 'https://api.slack.com/apis/events-api#receiving-events',
    contentType: 'application/json',
    headers: {},
  },
  handshake: {
    kind: 'echo-json-field',
    when: { json: 'type', equals: 'url_verification' },
    challenge: 'challenge',
    docs: 'https://api.slack.com/events/url_verification',
  },
};
