import type { ProviderDescription } from './types.js';

/**
 * Twitch EventSub (webhook transport).
 * Signature: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message
 *   `Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret, message id + timestamp +
 *   raw body)>`, the id and timestamp from `Twitch-Eventsub-Message-Id` and
 *   `Twitch-Eventsub-Message-Timestamp`; the secret is the `transport.secret` given when
 *   subscribing, used as text. Twitch's own code:
 *   - https://github.com/twitchdev/eventsub-webhooks-node-sample/blob/main/index.js verifySignature:
 *     `messageID + messageTimestamp + body`, `"sha256=" + hex`;
 *   - https://github.com/twitchdev/twitch-cli internal/events/trigger/forward_event.go
 *     getSignatureHeader signs the same, with the timestamp in RFC 3339 with nanoseconds
 *     (`time.RFC3339Nano`), and sets Twitch-Eventsub-Message-Id, -Message-Type,
 *     -Subscription-Type and -Subscription-Version.
 *   The page above says all timestamps are RFC 3339 with nanoseconds. Its replay-attack advice
 *   (an age limit) could not be read from a source here, so no age is checked (tolerance 0);
 *   pass --tolerance to check one.
 * Handshake: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#responding-to-a-challenge-request
 *   `Twitch-Eventsub-Message-Type: webhook_callback_verification` with a body `{ challenge, ... }`:
 *   answer 200 with the challenge as plain text (the sample: `res.send(req.body.challenge)`).
 * Delivery id and event type: the Twitch-Eventsub-Message-Id and Twitch-Eventsub-Subscription-Type
 *   headers (twitch-cli forward_event.go; the page above).
 * Delivery (`trigger`): the page above, "List of request headers", as twitch-cli forward_event.go
 *   sends them: `Content-Type: application/json`, `Twitch-Eventsub-Message-Retry: 0`
 *   (notificationHeaders), `Twitch-Eventsub-Message-Type: notification`,
 *   `Twitch-Eventsub-Subscription-Type` (the event) and `-Subscription-Version` (the type's
 *   version, `1` unless a sample says otherwise, e.g. `channel.follow` is version 2). The id,
 *   timestamp and signature headers are the signature's. No User-Agent is documented.
 */
export const twitch: ProviderDescription = {
  id: 'twitch',
  name: 'Twitch EventSub',
  docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message',
  summary:
    'POSTs JSON { subscription, event } with Twitch-Eventsub-Message-Id, -Timestamp (RFC 3339) and -Signature: sha256=<hex HMAC of id + timestamp + body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{id}{timestamp}{body}',
    format: { kind: 'header', header: 'Twitch-Eventsub-Message-Signature', prefix: 'sha256=' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: 'the transport.secret you chose when creating the EventSub subscription',
      example: 'keepItSecretKeepItSafe',
    },
    timestamp: {
      in: { header: 'Twitch-Eventsub-Message-Timestamp' },
      unit: 'rfc3339',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
    id: { in: { header: 'Twitch-Eventsub-Message-Id' }, generate: 'uuid' },
  },
  detect: ['Twitch-Eventsub-Message-Signature'],
  deliveryId: [{ header: 'Twitch-Eventsub-Message-Id' }],
  eventType: { in: { header: 'Twitch-Eventsub-Subscription-Type' } },
  delivery: {
    docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#list-of-request-headers',
    contentType: 'application/json',
    headers: {
      'Twitch-Eventsub-Message-Retry': '0',
      'Twitch-Eventsub-Message-Type': 'notification',
      'Twitch-Eventsub-Subscription-Type': '{{event}}',
      'Twitch-Eventsub-Subscription-Version': '1',
    },
  },
  handshake: {
    kind: 'echo-header-json',
    header: 'Twitch-Eventsub-Message-Type',
    equals: 'webhook_callback_verification',
    challenge: 'challenge',
    docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#responding-to-a-challenge-request',
  },
};
