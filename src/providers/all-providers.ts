// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See /work/notes/providers-howto.md.
import { discord } from './discord.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { intercom } from './intercom.js';
import { meta } from './meta.js';
import { sendgrid } from './sendgrid.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { telnyx } from './telnyx.js';
import { twilio } from './twilio.js';
import { twitch } from './twitch.js';
import type { ProviderDescription } from './types.js';
import { x } from './x.js';
import { zoom } from './zoom.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  discord,
  github,
  intercom,
  meta,
  sendgrid,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  telnyx,
  twilio,
  twitch,
  x,
  zoom,
  hmac,
];
