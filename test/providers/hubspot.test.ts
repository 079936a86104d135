import { Signature } from '@hubspot/api-client';
import { expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { describeProvider, type ProviderSpec, signWithCli, verifyWithCli } from './provider-kit.js';

const URL = 'https://www.example.com/webhook_uri';

// Oracle: @hubspot/api-client's Signature.isValid / getSignature with signatureVersion 'v3'
// (it reads the real clock and throws on a timestamp older than 5 minutes).
const spec: ProviderSpec = {
  id: 'hubspot',
  // The body of the v1 example on https://developers.hubspot.com/docs/faq/v1-request-validation.
  body: '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]',
  secret: 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy',
  wrongSecret: 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  url: URL,
  sdkVerify: ({ body, headers, secret, url }) => {
    try {
      return Signature.isValid({
        signatureVersion: 'v3',
        method: 'POST',
        url: url as string,
        clientSecret: secret as string,
        requestBody: body.toString('utf8'),
        signature: getHeader(headers, 'X-HubSpot-Signature-v3') ?? '',
        timestamp: Number(getHeader(headers, 'X-HubSpot-Request-Timestamp')),
      });
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret, timestamp, url }) => {
    const ms = timestamp * 1000;
    const signature = Signature.getSignature('POST', 'v3', {
      url: url as string,
      clientSecret: secret as string,
      requestBody: body.toString('utf8'),
      timestamp: ms,
      signature: '',
    });
    return [
      ['X-HubSpot-Request-Timestamp', String(ms)],
      ['X-HubSpot-Signature-v3', signature],
    ];
  },
};
describeProvider(spec);

const hubspot = getProvider('hubspot');
const body = Buffer.from(spec.body);

it('HubSpot: a timestamp in the future passes, as in the SDK (it checks age only)', () => {
  const now = 1_767_225_600;
  const headers = signWithCli(hubspot, spec, body, now + 3600);
  expect(verifyWithCli(hubspot, spec, { body, headers, now }).ok).toBe(true);
});

it('HubSpot: the URL is signed, so another URL → mismatch, and none → a clear message', () => {
  const now = 1_767_225_600;
  const headers = signWithCli(hubspot, spec, body, now);
  expect(
    verifyWithCli(hubspot, { ...spec, url: 'https://www.example.com/other' }, { body, headers, now }),
  ).toMatchObject({ ok: false, reason: 'mismatch' });
  const { url: _, ...noUrl } = spec;
  expect(verifyWithCli(hubspot, noUrl, { body, headers, now })).toEqual({
    ok: false,
    scheme: 'hubspot',
    reason: 'missing-input',
    detail: 'cannot check: the URL the provider called is not known',
  });
});
