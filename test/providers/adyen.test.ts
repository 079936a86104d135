import { hmacValidator as HmacValidator } from '@adyen/api-library';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { adyen } from '../../src/providers/adyen.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { runCli } from '../helpers/run-cli.js';
import { triggeredSamples, verifyWithCli } from './provider-kit.js';

// Oracle: @adyen/api-library, Adyen's own library: hmacValidator.calculateHmac signs a
// NotificationRequestItem, validateHMAC checks one, getDataToSign gives the signed bytes.
// Adyen puts its signature in the body, which the kit's describeProvider cannot sign with (it
// expects headers): so these checks are written out here, both directions through the SDK.
const validator = new HmacValidator();
const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const otherKey = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA057';

type Item = Parameters<HmacValidator['validateHMAC']>[0];

// The shape of the AUTHORISATION example on
// https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures.
const item = (extra: Record<string, unknown> = {}): Item =>
  ({
    additionalData: {},
    amount: { currency: 'EUR', value: 1130 },
    eventCode: 'AUTHORISATION',
    eventDate: '2024-01-01T01:00:00+01:00',
    merchantAccountCode: 'YOUR_MERCHANT_ACCOUNT',
    merchantReference: 'YOUR_REFERENCE',
    paymentMethod: 'visa',
    pspReference: 'YOUR_PSP_REFERENCE',
    reason: '033899:1111:03/2030',
    success: 'true',
    ...extra,
  }) as Item;

/** A standard webhook body whose items are signed by the SDK with `signingKey`. */
const notification = (items: Item[], signingKey = key) =>
  JSON.stringify({
    live: 'false',
    notificationItems: items.map((each) => ({
      NotificationRequestItem: {
        ...each,
        additionalData: { ...each.additionalData, hmacSignature: validator.calculateHmac(each, signingKey) },
      },
    })),
  });

const verify = (body: string, secret = key) =>
  verifyWithCli(adyen, { secret }, { body: Buffer.from(body), headers: [], now: 0 });

describe('Adyen (adyen)', () => {
  it("each of trigger's samples, signed as trigger signs it, verifies with the SDK", async () => {
    const samples = await triggeredSamples(adyen, { secret: key }, Math.floor(Date.now() / 1000));
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const sample of samples) {
      const body = JSON.parse(sample.body.toString());
      const ok = validator.validateHMAC(body.notificationItems[0].NotificationRequestItem, key);
      expect(ok, sample.name).toBe(true);
    }
  });

  it('the SDK signs, webhook-cli verifies', () => {
    expect(verify(notification([item()]))).toMatchObject({ ok: true, scheme: 'adyen' });
    expect(verify(notification([item({ originalReference: '8313842560770001' })]))).toMatchObject({
      ok: true,
    });
  });

  it('webhook-cli signs the same bytes as the SDK\'s getDataToSign, absent fields as ""', () => {
    for (const each of [
      item(),
      item({ originalReference: 'ORIG', success: 'false' }),
      item({ amount: {} }),
    ]) {
      const body = JSON.parse(notification([each]));
      const signed = adyen.signature.custom?.signedBytes?.({
        body: Buffer.alloc(0),
        headers: [],
        json: body,
      });
      expect(Buffer.isBuffer(signed) && signed.toString()).toBe(validator.getDataToSign(each));
    }
  });

  it('a changed signed field → mismatch, and the SDK agrees', () => {
    const body = JSON.parse(notification([item()]));
    body.notificationItems[0].NotificationRequestItem.amount.value = 1;
    expect(validator.validateHMAC(body.notificationItems[0].NotificationRequestItem, key)).toBe(false);
    const result = verify(JSON.stringify(body));
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(result.detail).toMatch(/does not match/);
  });

  it('a field outside the signed eight, or a re-serialised body, still verifies (as in the SDK)', () => {
    const body = JSON.parse(notification([item()]));
    body.notificationItems[0].NotificationRequestItem.reason = 'changed';
    expect(validator.validateHMAC(body.notificationItems[0].NotificationRequestItem, key)).toBe(true);
    expect(verify(JSON.stringify(body, null, 2))).toMatchObject({ ok: true });
  });

  it('a wrong HMAC key → mismatch', () => {
    expect(verify(notification([item()]), otherKey)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('a body with several items fails rather than leave items unchecked', () => {
    const result = verify(notification([item(), item({ pspReference: 'OTHER' })]));
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(result.detail).toBe(
      "the body has 2 notificationItems and only the first one's signature was checked",
    );
  });

  it('no hmacSignature, a key that is not hex, and sign each say so', () => {
    const unsigned = JSON.stringify({
      live: 'false',
      notificationItems: [{ NotificationRequestItem: item() }],
    });
    const missing = verify(unsigned);
    expect(missing).toMatchObject({ ok: false, reason: 'missing-header' });
    expect(missing.detail).toBe(
      'the body has no notificationItems.0.NotificationRequestItem.additionalData.hmacSignature signature field',
    );
    expect(() => verify(notification([item()]), 'not-hex')).toThrow(
      new UsageError('the secret is not a Adyen secret: it must be hex'),
    );
    expect(() => signRequest(adyen, { body: Buffer.from(unsigned), timestamp: 0, secret: key })).toThrow(
      'Adyen puts its signature in the body (notificationItems.0.NotificationRequestItem.additionalData.hmacSignature); it cannot be sent as a header',
    );
  });

  it('webhook-cli sign writes the signature into the payload, and the SDK accepts it', async () => {
    const unsigned = JSON.stringify({
      live: 'false',
      notificationItems: [{ NotificationRequestItem: item() }],
    });
    const result = await runCli(['sign', '-', '--scheme', 'adyen', '--secret', key], { stdin: unsigned });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Adyen carries its signature in the body: the payload with notificationItems.0.NotificationRequestItem.additionalData.hmacSignature set\n',
    );
    const signed = JSON.parse(result.stdout) as { notificationItems: [{ NotificationRequestItem: Item }] };
    expect(validator.validateHMAC(signed.notificationItems[0].NotificationRequestItem, key)).toBe(true);
    expect(validator.validateHMAC(signed.notificationItems[0].NotificationRequestItem, otherKey)).toBe(false);
  });
});
