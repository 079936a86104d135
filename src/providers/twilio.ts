import { createHash } from 'node:crypto';
import { getHeader } from '../options/headers.js';
import type { SignedValues } from '../signatures/signed-content.js';
import type { ProviderDescription, SignatureAlgorithm } from './types.js';

// twilio@6.3.1 lib/webhooks/webhooks.js: SIGNATURE_SETTINGS_HEADER and getSignatureAlgorithm.
const SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings';

/**
 * The algorithm the settings header names (`key=<id>,algorithm=HMAC_SHA256`); absent, empty or
 * without `algorithm=` it is the Auth Token's HMAC_SHA1 (getSignatureAlgorithm, toHashName).
 */
function algorithmOf(values: SignedValues): SignatureAlgorithm {
  for (const part of (getHeader(values.headers, SETTINGS_HEADER) ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === 'algorithm') {
      return part
        .slice(at + 1)
        .trim()
        .toUpperCase() === 'HMAC_SHA256'
        ? 'hmac-sha256'
        : 'hmac-sha1';
    }
  }
  return 'hmac-sha1';
}

/** getExpectedTwilioSignature: a URL carrying `bodySHA256` is signed alone (the body is JSON). */
function signsBodyHash(url: string): boolean {
  return url.includes('bodySHA256');
}

/**
 * getExpectedTwilioSignature: the URL, then each parameter sorted by name as name + value; a
 * repeated name's values are de-duplicated and sorted (toFormUrlEncodedParam), which
 * `{form:sorted}` does not do.
 */
function signedBytes(values: SignedValues): Buffer | { missing: string } {
  if (values.url === undefined) return { missing: 'the URL the provider called' };
  if (signsBodyHash(values.url)) return Buffer.from(values.url);
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(values.body.toString('utf8'))) {
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  let data = values.url;
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) data += name + value;
  }
  return Buffer.from(data);
}

/** validateRequestWithBody / validateBody: the hex SHA-256 of the body equals the URL's bodySHA256. */
function checkBodyHash(values: SignedValues): string | undefined {
  if (values.url === undefined || !signsBodyHash(values.url)) return undefined;
  let claimed = '';
  try {
    claimed = new URL(values.url).searchParams.get('bodySHA256') ?? '';
  } catch {}
  const actual = createHash('sha256').update(values.body).digest('hex');
  return actual === claimed
    ? undefined
    : "the body's SHA-256 differs from the URL's bodySHA256 parameter (the body was changed)";
}

/**
 * Twilio (Programmable Messaging, Voice and the other form-encoded callbacks).
 * Signature: https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio
 *   `X-Twilio-Signature: <base64 HMAC-SHA1(Auth Token, URL + sorted POST parameters)>`: the
 *   exact URL Twilio called (with its query string), then every POST parameter sorted by name,
 *   name and value with no delimiters. The Auth Token is used as text. Nothing time-based is
 *   signed (no timestamp, no tolerance).
 * SDK: twilio@6.3.1 lib/webhooks/webhooks.js
 *   - getExpectedTwilioSignature: params sorted by name (`Object.keys(params).sort()`); repeated
 *     names' values de-duplicated and sorted (toFormUrlEncodedParam); HMAC over the UTF-8 string,
 *     base64;
 *   - JSON bodies: the URL carries `bodySHA256=<hex SHA-256 of the body>` and is signed with no
 *     parameters; validateRequestWithBody then checks the body's hash (validateBody,
 *     getExpectedBodyHash: hex). Here the signature is checked first, then the hash (`custom.check`);
 *   - SharedKey signing (Webhooks Rules): `X-Twilio-Webhooks-Signature-Settings:
 *     key=<id>,algorithm=HMAC_SHA256` selects HMAC-SHA256 keyed with the Setting's SharedKey
 *     secret; absent means HMAC_SHA1 with the Auth Token (getSignatureAlgorithm; also
 *     https://github.com/twilio/twilio-node/blob/main/examples/WebhookSignatureValidation.md);
 *   - validateRequest also tries the URL with and without the default port and in a
 *     re-encoded form; here the URL is used exactly as given (`--url`), so give the one
 *     configured in Twilio.
 * No delivery id or event type field is documented for all Twilio callbacks: none is given.
 * Delivery (`trigger`): https://www.twilio.com/docs/usage/webhooks/webhooks-faq ("Twilio will send
 *   an HTTP POST request to your server with a body that uses the
 *   application/x-www-form-urlencoded encoding"); the form callbacks verified above, so the
 *   samples are forms (the parameters of each callback's page). Their event names are this
 *   project's, as Twilio's callbacks carry none. No other header (User-Agent, idempotency token)
 *   is listed on that page, so none is sent.
 */
export const twilio: ProviderDescription = {
  id: 'twilio',
  name: 'Twilio',
  docs: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio',
  summary:
    'POSTs form parameters (or JSON, with bodySHA256 in the URL) with X-Twilio-Signature: <base64 HMAC-SHA1 of the URL + sorted parameters>; needs --url.',
  signature: {
    algorithm: 'hmac-sha1',
    signed: '{url}{form:sorted}',
    format: { kind: 'header', header: 'X-Twilio-Signature' },
    encoding: 'base64',
    secret: {
      decode: 'utf8',
      where: "the account's Auth Token (Twilio Console), or a Webhooks Rule's SharedKey secret",
      example: '12345678901234567890123456789012',
    },
    custom: { signedBytes, algorithm: algorithmOf, check: checkBodyHash },
  },
  detect: ['X-Twilio-Signature'],
  delivery: {
    docs: 'https://www.twilio.com/docs/usage/webhooks/webhooks-faq',
    contentType: 'application/x-www-form-urlencoded',
    headers: {},
  },
};
