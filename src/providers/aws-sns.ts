import type { SignedValues } from '../signatures/signed-content.js';
import type { ProviderDescription } from './types.js';

/**
 * Amazon SNS (HTTP/S subscriptions).
 * Signature: https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 *   The body is a JSON message; its `Signature` is base64 RSA (PKCS#1 v1.5) over a string built
 *   from the message's fields, each as `<name>\n<value>\n`, in this order:
 *   - `Notification`: Message, MessageId, Subject (only if present), Timestamp, TopicArn, Type;
 *   - `SubscriptionConfirmation` / `UnsubscribeConfirmation`: Message, MessageId, SubscribeURL,
 *     Timestamp, Token, TopicArn, Type.
 *   `SignatureVersion` 1 signs with SHA1, 2 with SHA256. The same lists and rule are in AWS's
 *   sns-validator@0.3.5 index.js (signableKeysForNotification / signableKeysForSubscription,
 *   `createVerify('RSA-SHA1' | 'RSA-SHA256')`).
 * Certificate: the docs fetch it from `SigningCertURL`; webhook-cli fetches nothing: give the
 *   certificate (PEM, downloaded once from the sns.<region>.amazonaws.com URL) with --public-key.
 * Timestamp: the message's `Timestamp` is signed, but AWS documents no tolerance and
 *   sns-validator checks none, so no time is checked.
 * Headers: https://docs.aws.amazon.com/sns/latest/dg/http-header.html: `x-amz-sns-message-type`,
 *   `x-amz-sns-message-id`, `x-amz-sns-topic-arn` (and `x-amz-sns-subscription-arn`, set per sample:
 *   a SubscriptionConfirmation has no subscription yet); the page's example request also shows
 *   `Content-Type: text/plain; charset=UTF-8` (the default, "see headerContentType") and
 *   `User-Agent: Amazon Simple Notification Service Agent`.
 * Handshake: https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html: a
 *   `SubscriptionConfirmation` message whose `SubscribeURL` must be visited to confirm.
 */
const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const SUBSCRIPTION_FIELDS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
];
const OPTIONAL_FIELDS = new Set(['Subject']);

function message(values: SignedValues): Record<string, unknown> | undefined {
  const json = values.json;
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : undefined;
}

function snsSignedBytes(values: SignedValues): Buffer | { missing: string } {
  const body = message(values);
  if (!body) return { missing: 'a JSON SNS message body' };
  const fields =
    body.Type === 'SubscriptionConfirmation' || body.Type === 'UnsubscribeConfirmation'
      ? SUBSCRIPTION_FIELDS
      : NOTIFICATION_FIELDS;
  let text = '';
  for (const field of fields) {
    const value = body[field];
    if (typeof value === 'string') text += `${field}\n${value}\n`;
    else if (!OPTIONAL_FIELDS.has(field)) return { missing: `the message's ${field} field` };
  }
  return Buffer.from(text, 'utf8');
}

export const awsSns: ProviderDescription = {
  id: 'aws-sns',
  aliases: ['sns'],
  name: 'Amazon SNS',
  docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html',
  summary:
    'POSTs a JSON message { Type, MessageId, TopicArn, Message, Timestamp, SignatureVersion, Signature, SigningCertURL } with x-amz-sns-message-type; the signature is RSA over the listed fields.',
  signature: {
    algorithm: 'rsa-sha256',
    signed: '{body}',
    format: { kind: 'json', path: 'Signature' },
    encoding: 'base64',
    publicKey: {
      form: 'pem',
      where:
        "the certificate at the message's SigningCertURL (https://sns.<region>.amazonaws.com/SimpleNotificationService-....pem), saved to a file",
      example: 'sns-cert.pem',
    },
    custom: {
      signedBytes: snsSignedBytes,
      algorithm: (values) => (message(values)?.SignatureVersion === '1' ? 'rsa-sha1' : 'rsa-sha256'),
      check: (values) => {
        const version = message(values)?.SignatureVersion;
        return version === '1' || version === '2'
          ? undefined
          : `SignatureVersion ${JSON.stringify(version)} is not 1 or 2`;
      },
    },
  },
  detect: ['x-amz-sns-message-type'],
  deliveryId: [{ header: 'x-amz-sns-message-id' }, { json: 'MessageId' }],
  eventType: { in: { header: 'x-amz-sns-message-type' } },
  handshake: {
    kind: 'sns-subscription',
    docs: 'https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html',
  },
  delivery: {
    docs: 'https://docs.aws.amazon.com/sns/latest/dg/http-header.html',
    contentType: 'text/plain; charset=UTF-8',
    headers: {
      'x-amz-sns-message-type': '{{event}}',
      'x-amz-sns-message-id': '{{uuid}}',
      'x-amz-sns-topic-arn': 'arn:aws:sns:us-east-1:{{digits:12}}:order-events',
      'User-Agent': 'Amazon Simple Notification Service Agent',
    },
  },
};
