import { createSign, generateKeyPairSync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import https from 'node:https';
import MessageValidator from 'sns-validator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { signWithCli, triggeredSamples, verifyWithCli } from './provider-kit.js';

// Oracles: AWS's sns-validator (MessageValidator.validate), and the signing recipe of
// https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html written here with
// node:crypto (AWS signs; no library does): "<name>\n<value>\n" for each listed field, RSA with
// SHA1 (SignatureVersion 1) or SHA256 (2), base64. sns-validator downloads the certificate from
// SigningCertURL: here https.get is replaced by a stub that serves the test's key, so nothing
// goes to the network (and the test records what it asked for).
// webhook-cli's `sign` cannot add a signature that lives in the body, so only this direction
// exists: the recipe signs, sns-validator and webhook-cli verify.

const sns = getProvider('aws-sns');
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const OTHER_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ format: 'pem', type: 'spki' })
  .toString();
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';

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

function awsSign(message: Record<string, string>, version: '1' | '2'): Record<string, string> {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
  let text = '';
  for (const field of fields) if (field in message) text += `${field}\n${message[field]}\n`;
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(text, 'utf8');
  return {
    ...message,
    SignatureVersion: version,
    Signature: signer.sign(privateKey, 'base64'),
    SigningCertURL: CERT_URL,
  };
}

const notification = {
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
  Subject: 'My First Message',
  Message: 'Hello world!',
  Timestamp: '2012-05-02T00:54:06.655Z',
  UnsubscribeURL:
    'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0',
};
const confirmation = {
  Type: 'SubscriptionConfirmation',
  MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
  Token:
    '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
  TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
  Message: 'You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.',
  SubscribeURL:
    'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37',
  Timestamp: '2012-04-26T20:45:04.751Z',
};

const fetched: string[] = [];
beforeEach(() => {
  fetched.length = 0;
  vi.spyOn(https, 'get').mockImplementation(((url: string, callback: (res: EventEmitter) => void) => {
    fetched.push(String(url));
    const response = Object.assign(new EventEmitter(), { statusCode: 200 });
    callback(response);
    response.emit('data', Buffer.from(PUBLIC_PEM));
    response.emit('end');
    const request = new EventEmitter();
    return request;
  }) as unknown as typeof https.get);
});
afterEach(() => vi.restoreAllMocks());

const sdkAccepts = (message: Record<string, string>) =>
  new Promise<boolean>((resolve) => {
    new MessageValidator().validate(message, (error) => resolve(error === null));
  });
const cliVerify = (message: Record<string, string>, key = PUBLIC_PEM) =>
  verifyWithCli(
    sns,
    { publicKey: key },
    {
      body: Buffer.from(JSON.stringify(message)),
      headers: [['x-amz-sns-message-type', message.Type as string]],
      now: 1_767_225_600,
    },
  );

describe('Amazon SNS (aws-sns)', () => {
  it("each of trigger's samples, signed as trigger signs it, is accepted by sns-validator", async () => {
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const samples = await triggeredSamples(sns, { privateKey: privatePem }, 1_767_225_600);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const sample of samples) {
      const message = JSON.parse(sample.body.toString());
      // sns-validator (index.js validateSignature) signs an UnsubscribeConfirmation with the
      // Notification fields; AWS's page signs it with the SubscriptionConfirmation fields, as
      // webhook-cli does (src/providers/aws-sns.ts), so webhook-cli's verify checks that one.
      const ok =
        message.Type === 'UnsubscribeConfirmation' ? cliVerify(message).ok : await sdkAccepts(message);
      expect(ok, sample.name).toBe(true);
    }
  });

  it.each([
    ['Notification', 'SignatureVersion 2', notification, '2'],
    ['Notification', 'SignatureVersion 1', notification, '1'],
    ['SubscriptionConfirmation', 'SignatureVersion 2', confirmation, '2'],
  ] as const)(
    'a %s with %s signed as the docs say: sns-validator and webhook-cli accept it',
    async (_, __, base, version) => {
      const message = awsSign(base, version);
      expect(await sdkAccepts(message)).toBe(true);
      // sns-validator caches the certificate per URL: it asks for it once, and for nothing else.
      expect(fetched.filter((url) => url !== CERT_URL)).toEqual([]);
      expect(cliVerify(message)).toEqual({ ok: true, scheme: 'aws-sns' });
    },
  );

  it('a Notification without Subject is signed without it', async () => {
    const { Subject: _, ...bare } = notification;
    const message = awsSign(bare, '2');
    expect(await sdkAccepts(message)).toBe(true);
    expect(cliVerify(message).ok).toBe(true);
  });

  it('a changed Message → both reject; webhook-cli says mismatch', async () => {
    const message = { ...awsSign(notification, '2'), Message: 'Hello world?' };
    expect(await sdkAccepts(message)).toBe(false);
    expect(cliVerify(message)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('another certificate key → mismatch', () => {
    expect(cliVerify(awsSign(notification, '2'), OTHER_PEM)).toEqual({
      ok: false,
      scheme: 'aws-sns',
      reason: 'mismatch',
      detail: "the body's Signature does not match (wrong public key, or the body was changed)",
    });
  });

  it('a SignatureVersion other than 1 or 2 → both reject, with the reason', async () => {
    const message = { ...awsSign(notification, '2'), SignatureVersion: '3' };
    expect(await sdkAccepts(message)).toBe(false);
    expect(cliVerify(message)).toEqual({
      ok: false,
      scheme: 'aws-sns',
      reason: 'mismatch',
      detail: 'SignatureVersion "3" is not 1 or 2',
    });
  });

  it('a message without a signed field cannot be checked, and says which', () => {
    const { TopicArn: _, ...partial } = awsSign(notification, '2');
    expect(cliVerify(partial)).toEqual({
      ok: false,
      scheme: 'aws-sns',
      reason: 'missing-input',
      detail: "cannot check: the message's TopicArn field is not known",
    });
  });

  it('a header signature is refused: the signature lives in the body', () => {
    expect(() => signWithCli(sns, { id: 'aws-sns', body: '{}' }, Buffer.from('{}'), 0)).toThrow(
      'Amazon SNS puts its signature in the body (Signature); it cannot be sent as a header',
    );
  });
});
