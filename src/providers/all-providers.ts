// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See /work/notes/providers-howto.md.
import { calendly } from './calendly.js';
import { coinbaseCommerce } from './coinbase-commerce.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { lemonSqueezy } from './lemon-squeezy.js';
import { mux } from './mux.js';
import { paddle } from './paddle.js';
import { paypal } from './paypal.js';
import { razorpay } from './razorpay.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { typeform } from './typeform.js';
import type { ProviderDescription } from './types.js';
import { woocommerce } from './woocommerce.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  calendly,
  coinbaseCommerce,
  github,
  lemonSqueezy,
  mux,
  paddle,
  paypal,
  razorpay,
  shopify,
  slack,
  square,
  standardWebhooks,
  stripe,
  typeform,
  woocommerce,
  hmac,
];
