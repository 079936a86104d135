import { UsageError } from '../errors.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import type { SignatureScheme } from './types.js';

const SCHEMES: Record<string, SignatureScheme> = {
  github,
  stripe,
  'standard-webhooks': standardWebhooks,
  svix: standardWebhooks,
  shopify,
  slack,
  hmac,
};

/** Every name `--scheme`, `--verify` and `--sign` accept (`svix` is an alias of standard-webhooks). */
export const SCHEME_NAMES: readonly string[] = Object.keys(SCHEMES);

export function getScheme(name: string): SignatureScheme {
  const scheme = Object.hasOwn(SCHEMES, name.toLowerCase()) ? SCHEMES[name.toLowerCase()] : undefined;
  if (!scheme) {
    // The name is user input: show control characters escaped, never raw.
    const shown = name.replace(
      /[\x00-\x1f\x7f-\x9f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
    throw new UsageError(`unknown signature scheme '${shown}'`, {
      hint: `use one of: ${SCHEME_NAMES.join(', ')}`,
    });
  }
  return scheme;
}
