// The one list of providers: one import and one array entry each, in alphabetical order of the
// file name, `hmac` (not a provider) last. See /work/notes/providers-howto.md.
import { awsSns } from './aws-sns.js';
import { bitbucket } from './bitbucket.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { gitlabSigning } from './gitlab-signing.js';
import { hmac } from './hmac.js';
import { hubspot } from './hubspot.js';
import { linear } from './linear.js';
import { netlify } from './netlify.js';
import { sanity } from './sanity.js';
import { sentry } from './sentry.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import type { ProviderDescription } from './types.js';
import { upstashQstash } from './upstash-qstash.js';
import { vercel } from './vercel.js';
import { workos } from './workos.js';

export const ALL_PROVIDERS: readonly ProviderDescription[] = [
  awsSns,
  bitbucket,
  github,
  gitlab,
  gitlabSigning,
  hubspot,
  linear,
  netlify,
  sanity,
  sentry,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  upstashQstash,
  vercel,
  workos,
  hmac,
];
