import { createHash } from 'node:crypto';
import {
  getExpectedTwilioSignature,
  getSignatureAlgorithm,
  validateRequest,
  validateRequestWithBody,
} from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { getHeader, type HeaderList } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { describeProvider, verifyWithCli } from './provider-kit.js';

const TOKEN = '12345678901234567890123456789012';
const URL = 'https://example.com/myapp.php?foo=1&bar=2';
// An incoming SMS, with a repeated name (the SDK sorts and de-duplicates repeated values).
const FORM =
  'ToCountry=US&To=%2B15005550006&Body=hello+world&From=%2B14158675310&MessageSid=SM123&AccountSid=ACXXX&MediaUrl=b&MediaUrl=a';

/** The parameters as Express's urlencoded parser gives them to the SDK: repeated names as arrays. */
function paramsOf(body: Buffer): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

// Oracle: twilio's own validateRequest / getExpectedTwilioSignature (lib/webhooks/webhooks.js).
describeProvider({
  id: 'twilio',
  body: FORM,
  secret: TOKEN,
  wrongSecret: '12345678901234567890123456789013',
  url: URL,
  sdkVerify: ({ body, headers, secret, url }) =>
    validateRequest(
      secret as string,
      getHeader(headers, 'X-Twilio-Signature') ?? '',
      url as string,
      paramsOf(body),
    ),
  sdkSign: ({ body, secret, url }) => [
    ['X-Twilio-Signature', getExpectedTwilioSignature(secret as string, url as string, paramsOf(body))],
  ],
});

describe('Twilio specifics', () => {
  const twilio = getProvider('twilio');
  const spec = { secret: TOKEN, url: URL };

  it('JSON bodies: the URL with bodySHA256 is signed; a changed body → mismatch on the hash', () => {
    const body = Buffer.from('{"MessageSid":"SM123","MessageStatus":"delivered"}');
    const hash = createHash('sha256').update(body).digest('hex');
    const url = `https://example.com/status?bodySHA256=${hash}`;
    const headers: HeaderList = signRequest(twilio, { body, timestamp: 0, secret: TOKEN, url });
    const signature = getHeader(headers, 'X-Twilio-Signature') ?? '';
    expect(validateRequestWithBody(TOKEN, signature, url, body.toString('utf8'))).toBe(true);
    const sdkHeaders: HeaderList = [['X-Twilio-Signature', getExpectedTwilioSignature(TOKEN, url, {})]];
    expect(verifyWithCli(twilio, { ...spec, url }, { body, headers: sdkHeaders, now: 0 }).ok).toBe(true);
    const changed = Buffer.from('{"MessageSid":"SM123","MessageStatus":"failed"}');
    expect(validateRequestWithBody(TOKEN, signature, url, changed.toString('utf8'))).toBe(false);
    expect(verifyWithCli(twilio, { ...spec, url }, { body: changed, headers, now: 0 })).toEqual({
      ok: false,
      scheme: 'twilio',
      reason: 'mismatch',
      detail: "the body's SHA-256 differs from the URL's bodySHA256 parameter (the body was changed)",
    });
  });

  it('SharedKey signing: X-Twilio-Webhooks-Signature-Settings algorithm=HMAC_SHA256 selects HMAC-SHA256', () => {
    const body = Buffer.from(FORM);
    const settings = 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256';
    const algorithm = getSignatureAlgorithm(settings);
    const headers: HeaderList = [
      ['X-Twilio-Webhooks-Signature-Settings', settings],
      ['X-Twilio-Signature', getExpectedTwilioSignature(TOKEN, URL, paramsOf(body), algorithm)],
    ];
    expect(verifyWithCli(twilio, spec, { body, headers, now: 0 }).ok).toBe(true);
    const signed = signRequest(twilio, {
      body,
      timestamp: 0,
      secret: TOKEN,
      url: URL,
      headers: headers.slice(0, 1),
    });
    const signature = getHeader(signed, 'X-Twilio-Signature') ?? '';
    expect(validateRequest(TOKEN, signature, URL, paramsOf(body), algorithm)).toBe(true);
    // The same signature without the settings header is checked as HMAC-SHA1 and fails.
    expect(verifyWithCli(twilio, spec, { body, headers: headers.slice(1), now: 0 }).ok).toBe(false);
  });

  it('another URL → mismatch; no URL → says it cannot check', () => {
    const body = Buffer.from(FORM);
    const headers = signRequest(twilio, { body, timestamp: 0, secret: TOKEN, url: URL });
    expect(
      verifyWithCli(twilio, { ...spec, url: 'https://example.com/other' }, { body, headers, now: 0 }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyWithCli(twilio, { secret: TOKEN }, { body, headers, now: 0 })).toEqual({
      ok: false,
      scheme: 'twilio',
      reason: 'missing-input',
      detail: 'cannot check: the URL the provider called is not known',
    });
  });
});
