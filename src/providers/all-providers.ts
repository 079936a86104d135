// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See CONTRIBUTING.md.
import { adyen } from './adyen.js';
import { azureEventGrid } from './azure-event-grid.js';
import { calendly } from './calendly.js';
import { coinbaseCommerce } from './coinbase-commerce.js';
import { discord } from './discord.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { intercom } from './intercom.js';
import { lemonSqueezy } from './lemon-squeezy.js';
import { meta } from './meta.js';
import { mux } from './mux.js';
import { paddle } from './paddle.js';
import { paypal } from './paypal.js';
import { razorpay } from './razorpay.js';
import { sendgrid } from './sendgrid.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { telnyx } from './telnyx.js';
import { twilio } from './twilio.js';
import { twitch } from './twitch.js';
import { typeform } from './typeform.js';
import { woocommerce } from './woocommerce.js';
import { x } from './x.js';
import { zoom } from './zoom.js';
import type { ProviderDescription, UnsignedSource } from './types.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  adyen,
  calendly,
  coinbaseCommerce,
  discord,
  github,
  intercom,
  lemonSqueezy,
  meta,
  mux,
  paddle,
  paypal,
  razorpay,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooks,
  stripe,
  telnyx,
  twilio,
  twitch,
  typeform,
  woocommerce,
  x,
  zoom,
  hmac,
];

/** Senders with handshakes but no signature (listen answers their handshakes; see types.ts). */
export const UNSIGNED_SOURCES: readonly UnsignedSource[] = [azureEventGrid];
