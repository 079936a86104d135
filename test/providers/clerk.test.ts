import { verifyWebhook } from '@clerk/backend/webhooks';
import { Webhook } from 'standardwebhooks';
import { describe } from 'vitest';
import type { HeaderList } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

/**
 * Clerk sends Svix's `svix-id`, `svix-timestamp` and `svix-signature` headers and signs as
 * Standard Webhooks does: @clerk/backend@3.25.0 dist/webhooks.mjs verifyWebhook requires the
 * three svix-* headers, maps them to webhook-* and verifies with `standardwebhooks`
 * (`new Webhook(secret).verify(body, headers)`: 5 minutes both ways, `whsec_` secret).
 * Docs: https://clerk.com/docs/guides/development/webhooks/syncing
 * `--scheme clerk` signs under the svix-* names (src/providers/svix-based.ts); a Clerk delivery is
 * detected as `standard-webhooks`, which verifies it the same way. Checked against Clerk's SDK.
 */
const svixNames = (headers: HeaderList): HeaderList =>
  headers.map(([name, value]) => [name.replace(/^webhook-/i, 'svix-'), value]);

describe('Clerk', () => {
  describeProvider({
    id: 'clerk',
    body: '{"data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","object":"user","first_name":"Example"},"event_attributes":{"http_request":{"client_ip":"0.0.0.0","user_agent":"Mozilla/5.0"}},"instance_id":"ins_123","object":"event","timestamp":1654012591835,"type":"user.created"}',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    wrongSecret: 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
    // Clerk's verifyWebhook, given the request as Clerk sends it (svix-* header names).
    sdkVerify: async ({ body, headers, secret }) => {
      const request = new Request('https://example.com/api/webhooks/clerk', {
        method: 'POST',
        headers: svixNames(headers),
        body: body.toString('utf8'),
      });
      try {
        await verifyWebhook(request, { signingSecret: secret as string });
        return true;
      } catch {
        return false;
      }
    },
    // Clerk's SDK does not sign; it verifies with standardwebhooks, which signs here, sent under
    // the svix-* names Clerk uses.
    sdkSign: ({ body, secret, timestamp }) => {
      const id = 'msg_2Lk8RzK3Xw1cLerk';
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
