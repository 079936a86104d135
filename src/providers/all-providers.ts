// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See /work/notes/providers-howto.md.
import { azureEventGrid } from './azure-event-grid.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { meta } from './meta.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import type { ProviderDescription, UnsignedSource } from './types.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  github,
  meta,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  hmac,
];

/** Senders with handshakes but no signature (listen answers their handshakes; see types.ts). */
export const UNSIGNED_SOURCES: readonly UnsignedSource[] = [azureEventGrid];
