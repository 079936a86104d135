import { Resend } from 'resend';
import { Webhook } from 'standardwebhooks';
import { describe } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

/**
 * Resend signs its webhooks with Svix: resend@6.38.0 dist/index.mjs Webhooks.verify passes
 * `{ id, timestamp, signature }` (the svix-id, svix-timestamp and svix-signature headers) to
 * `standardwebhooks` as webhook-id, webhook-timestamp and webhook-signature, with the
 * endpoint's `whsec_` signing secret (5 minutes both ways).
 * Docs: https://resend.com/docs/webhooks/verify-webhooks-requests (reads svix-id, svix-timestamp, svix-signature)
 * So a Resend delivery is detected and verified as `standard-webhooks`; this file checks that
 * against Resend's own SDK in both directions.
 */
const resend = new Resend('re_test_unused');

describe('Resend', () => {
  describeProvider({
    id: 'resend',
    body: '{"type":"email.delivered","created_at":"2026-01-01T00:00:00.000Z","data":{"email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Acme <onboarding@resend.dev>","to":["delivered@resend.dev"],"subject":"Sending this example"}}',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    wrongSecret: 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
    // Resend's webhooks.verify, given the three values as Resend's docs read them from svix-*.
    sdkVerify: ({ body, headers, secret }) => {
      try {
        resend.webhooks.verify({
          payload: body.toString('utf8'),
          headers: {
            id: getHeader(headers, 'svix-id') ?? '',
            timestamp: getHeader(headers, 'svix-timestamp') ?? '',
            signature: getHeader(headers, 'svix-signature') ?? '',
          },
          webhookSecret: secret as string,
        });
        return true;
      } catch {
        return false;
      }
    },
    // Resend's SDK does not sign; it verifies with standardwebhooks, which signs here, sent under
    // the svix-* names Resend uses.
    sdkSign: ({ body, secret, timestamp }) => {
      const id = 'msg_2Lk8RzK3Xw1ReSend';
      return [
        ['svix-id', id],
        ['svix-timestamp', String(timestamp)],
        [
          'svix-signature',
          new Webhook(secret as string).sign(id, new Date(timestamp * 1000), body.toString('utf8')),
        ],
      ];
    },
  });
});
