import { generateKeyPairSync, sign } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (key: typeof pair.publicKey) => key.export({ format: 'der', type: 'spki' }).toString('base64');
const publicKey = spki(pair.publicKey);
const webhook = new EventWebhook();

// The single-event vector of @sendgrid/eventwebhook@8.0.0 src/eventwebhook.spec.js (with its
// trailing "\r\n"), the SDK's own test of verifySignature.
const SDK_VECTOR_BODY = `${JSON.stringify([
  {
    email: 'hello@world.com',
    event: 'dropped',
    reason: 'Bounced Address',
    sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
    sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
    'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>',
    timestamp: 1600112492,
  },
])}\r\n`;

// Oracle: @sendgrid/eventwebhook (EventWebhook.verifySignature). It only verifies; the signing
// side is what it checks, with node:crypto: ECDSA P-256 / SHA-256 over timestamp + body, DER, base64.
describeProvider({
  id: 'sendgrid',
  body: '[{"email":"example@test.com","timestamp":1700000000,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"processed","sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}]\r\n',
  privateKey: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  publicKey,
  wrongPublicKey: spki(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey),
  sdkVerify: ({ body, headers }) =>
    webhook.verifySignature(
      webhook.convertPublicKeyToECDSA(publicKey),
      body,
      getHeader(headers, 'X-Twilio-Email-Event-Webhook-Signature') ?? '',
      getHeader(headers, 'X-Twilio-Email-Event-Webhook-Timestamp') ?? '',
    ),
  sdkSign: ({ body, timestamp }) => [
    ['X-Twilio-Email-Event-Webhook-Timestamp', String(timestamp)],
    [
      'X-Twilio-Email-Event-Webhook-Signature',
      sign('sha256', Buffer.concat([Buffer.from(String(timestamp)), body]), pair.privateKey).toString(
        'base64',
      ),
    ],
  ],
  vectors: [
    {
      docs: 'https://github.com/sendgrid/sendgrid-nodejs/blob/main/packages/eventwebhook/src/eventwebhook.spec.js',
      body: SDK_VECTOR_BODY,
      publicKey:
        'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==',
      headers: [
        ['X-Twilio-Email-Event-Webhook-Timestamp', '1600112502'],
        [
          'X-Twilio-Email-Event-Webhook-Signature',
          'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=',
        ],
      ],
      now: 1600112502,
    },
  ],
});
