import Stripe from 'stripe';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

const stripe = new Stripe('sk_test_unused');

// Oracle: the stripe library. constructEvent checks the signature, then the age (300 s);
// generateTestHeaderString signs exactly as Stripe does.
describeProvider({
  id: 'stripe',
  body: '{"id":"evt_1","object":"event","type":"payment_intent.succeeded","data":{"object":{}}}',
  secret: 'whsec_test_secret_0123456789',
  wrongSecret: 'whsec_test_secret_other',
  sdkVerify: ({ body, headers, secret, timestamp }) => {
    try {
      stripe.webhooks.constructEvent(
        body,
        getHeader(headers, 'Stripe-Signature') ?? '',
        secret as string,
        300,
        undefined,
        timestamp * 1000,
      );
      return true;
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret, timestamp }) => [
    [
      'Stripe-Signature',
      stripe.webhooks.generateTestHeaderString({
        payload: body.toString('utf8'),
        secret: secret as string,
        timestamp,
      }),
    ],
  ],
});
