import { Webhook } from 'standardwebhooks';
import { describeProvider } from './provider-kit.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

// Oracle: standardwebhooks, the reference library of the specification (Webhook.sign / verify).
describeProvider({
  id: 'standard-webhooks',
  body: '{"type":"invoice.paid","timestamp":"2026-01-01T00:00:00Z","data":{"id":"inv_1"}}',
  secret: SECRET,
  wrongSecret: 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
  sdkVerify: ({ body, headers, secret }) => {
    try {
      new Webhook(secret as string).verify(body.toString('utf8'), Object.fromEntries(headers), {
        jsonParse: false,
      });
      return true;
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret, timestamp }) => {
    const id = 'msg_2Lk8RzK3Xw1';
    return [
      ['webhook-id', id],
      ['webhook-timestamp', String(timestamp)],
      [
        'webhook-signature',
        new Webhook(secret as string).sign(id, new Date(timestamp * 1000), body.toString('utf8')),
      ],
    ];
  },
  vectors: [
    {
      // The example in the specification's "Signature scheme" section.
      docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme',
      body: '{"test": 2432232314}',
      secret: SECRET,
      headers: [
        ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
        ['webhook-timestamp', '1614265330'],
        ['webhook-signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ],
      now: 1614265330,
    },
  ],
});
