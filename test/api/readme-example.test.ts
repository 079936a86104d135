import Stripe from 'stripe';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Hook, listen } from 'webhook-cli';

const secret = 'whsec_test_example';
const stripe = new Stripe('sk_test_unused');
let hook: Hook;

beforeEach(async () => {
  hook = await listen({ port: 0, verify: 'stripe', secret });
});
afterEach(() => hook.close());

it('receives a signed invoice.paid', async () => {
  // Your code under test would send this; here the Stripe SDK signs it.
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid' });
  await fetch(hook.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });

  const delivery = await hook.next({ type: 'invoice.paid', timeout: '2s' });
  expect(delivery.signature?.ok).toBe(true);
  expect(delivery.content.kind === 'json' && delivery.content.value).toMatchObject({ id: 'evt_1' });
});
