import type { ProviderDescription } from './types.js';

/**
 * Twilio SendGrid (the Signed Event Webhook).
 * Signature: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
 *   an ECDSA key pair SendGrid generates; the signature is posted in
 *   `X-Twilio-Email-Event-Webhook-Signature`, verified with the public key provided.
 * SDK: @sendgrid/eventwebhook@8.0.0 src/eventwebhook.js:
 *   - `verifySignature`: the signed bytes are `timestamp + payload`, the timestamp from
 *     `X-Twilio-Email-Event-Webhook-Timestamp` (EventWebhookHeader.TIMESTAMP); the signature is
 *     base64 of a DER ECDSA signature (`Signature.fromBase64`), over SHA-256 on P-256
 *     (starkbank-ecdsa's defaults);
 *   - the public key is the "verification key under Mail Settings", base64 of a DER
 *     SubjectPublicKeyInfo (src/eventwebhook.spec.js PUBLIC_KEY `MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...`);
 *   - no time is checked, and no tolerance is documented: none is checked here (tolerance 0).
 *     The timestamp is Unix seconds (the spec's vector: TIMESTAMP 1600112502 for an event of
 *     1600112492).
 * Event type: the body is a JSON array of events, each with `event`
 *   (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event); the first one's
 *   is shown. A delivery has no id of its own (each event has `sg_event_id`), so none is given.
 * Delivery (`trigger`): https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook
 *   (events are POSTed as a JSON array to the HTTP Post URL); besides the content type its only
 *   headers are the signature's two, which the signer writes. No User-Agent is documented.
 */
export const sendgrid: ProviderDescription = {
  id: 'sendgrid',
  name: 'SendGrid',
  docs: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features',
  summary:
    'POSTs a JSON array of email events with X-Twilio-Email-Event-Webhook-Timestamp and X-Twilio-Email-Event-Webhook-Signature: <base64 ECDSA P-256 of timestamp + body>.',
  signature: {
    algorithm: 'ecdsa-p256-sha256',
    signed: '{timestamp}{body}',
    format: { kind: 'header', header: 'X-Twilio-Email-Event-Webhook-Signature' },
    encoding: 'base64',
    publicKey: {
      form: 'base64-spki',
      where: "the Signed Event Webhook's verification key, under Mail Settings",
      example:
        'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==',
    },
    timestamp: {
      in: { header: 'X-Twilio-Email-Event-Webhook-Timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['X-Twilio-Email-Event-Webhook-Signature'],
  eventType: { in: { json: '0.event' } },
  delivery: {
    docs: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook',
    contentType: 'application/json',
    headers: {},
  },
};
