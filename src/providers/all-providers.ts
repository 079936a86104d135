// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See CONTRIBUTING.md.
import { adyen } from './adyen.js';
import { awsSns } from './aws-sns.js';
import { azureEventGrid } from './azure-event-grid.js';
import { bitbucket } from './bitbucket.js';
import { calendly } from './calendly.js';
import { clerk } from './clerk.js';
import { coinbaseCommerce } from './coinbase-commerce.js';
import { discord } from './discord.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { gitlabSigning } from './gitlab-signing.js';
import { hmac } from './hmac.js';
import { hubspot } from './hubspot.js';
import { intercom } from './intercom.js';
import { lemonSqueezy } from './lemon-squeezy.js';
import { linear } from './linear.js';
import { mailgun } from './mailgun.js';
import { meta } from './meta.js';
import { mux } from './mux.js';
import { netlify } from './netlify.js';
import { paddle } from './paddle.js';
import { paypal } from './paypal.js';
import { razorpay } from './razorpay.js';
import { resend } from './resend.js';
import { sanity } from './sanity.js';
import { sendgrid } from './sendgrid.js';
import { sentry } from './sentry.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { standardWebhooks } from './standard-webhooks.js';
import { standardWebhooksV1a } from './standard-webhooks-v1a.js';
import { stripe } from './stripe.js';
import { telnyx } from './telnyx.js';
import { twilio } from './twilio.js';
import { twitch } from './twitch.js';
import { typeform } from './typeform.js';
import type { ProviderDescription, UnsignedSource } from './types.js';
import { upstashQstash } from './upstash-qstash.js';
import { vercel } from './vercel.js';
import { woocommerce } from './woocommerce.js';
import { workos } from './workos.js';
import { x } from './x.js';
import { zoom } from './zoom.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  adyen,
  awsSns,
  bitbucket,
  calendly,
  clerk,
  coinbaseCommerce,
  discord,
  github,
  gitlabSigning,
  gitlab,
  hubspot,
  intercom,
  lemonSqueezy,
  linear,
  mailgun,
  meta,
  mux,
  netlify,
  paddle,
  paypal,
  razorpay,
  resend,
  sanity,
  sendgrid,
  sentry,
  shopify,
  slack,
  square,
  standardWebhooksV1a,
  standardWebhooks,
  stripe,
  telnyx,
  twilio,
  twitch,
  typeform,
  upstashQstash,
  vercel,
  woocommerce,
  workos,
  x,
  zoom,
  hmac,
];

/** Senders with handshakes but no signature (listen answers their handshakes; see types.ts). */
export const UNSIGNED_SOURCES: readonly UnsignedSource[] = [azureEventGrid];
