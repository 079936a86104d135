import { jsonAt } from '../signatures/signed-content.js';
import type { ProviderDescription } from './types.js';

/** Where a standard webhook's (first) notification item is in the body. */
const ITEM = 'notificationItems.0.NotificationRequestItem';

/**
 * The fields Adyen signs, in order: @adyen/api-library@32.1.0 lib/src/utils/hmacValidator.js
 * `getDataToSign` (for a NotificationRequestItem).
 */
const SIGNED_FIELDS = [
  'pspReference',
  'originalReference',
  'merchantAccountCode',
  'merchantReference',
  'amount.value',
  'amount.currency',
  'eventCode',
  'success',
];

/**
 * Adyen (standard payment webhooks, HMAC signature in the body).
 * Signature: https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures
 *   ("For our Standard webhooks, the signature is included in the additionalData field") and
 *   @adyen/api-library@32.1.0 lib/src/utils/hmacValidator.js: `getDataToSign` joins
 *   pspReference, originalReference, merchantAccountCode, merchantReference, amount.value,
 *   amount.currency, eventCode and success with ":" (`Array.join`, so an absent field is "");
 *   `calculateHmacSignature` keys HMAC-SHA256 with the hex-decoded HMAC key
 *   (`Buffer.from(key, "hex")`) and encodes base64; `validateHMAC` compares it with
 *   `additionalData.hmacSignature`. The body's bytes are not signed, only those fields, so a
 *   re-serialised body still verifies.
 * Batches: each NotificationRequestItem carries its own signature. Only the first is checked
 *   here, so a body with several items fails with a sentence saying so rather than passing with
 *   items left unchecked.
 * Event: eventCode (e.g. AUTHORISATION) of the item, as in the same file. Adyen documents no
 *   delivery id (pspReference names the payment, not the delivery), so none is described.
 * Not described: the Banking/Management webhooks' `HmacSignature` header (HMAC of the whole
 *   body, `validateHMACSignature`), a separate scheme.
 * Detection: Adyen sends no header of its own, so there is no `detect`.
 * Delivery: https://docs.adyen.com/api-explorer/Webhooks/1/overview (standard webhooks, a POST of
 *   the JSON `{ live, notificationItems }`); the headers Adyen may add are the basic
 *   authentication you configure, none of its own, so only `application/json` is sent. Each
 *   sample's item has `additionalData.hmacSignature`, which the signer fills.
 */
export const adyen: ProviderDescription = {
  id: 'adyen',
  name: 'Adyen',
  docs: 'https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures',
  summary:
    'POSTs standard webhooks { live, notificationItems: [{ NotificationRequestItem }] }; each item carries additionalData.hmacSignature, a base64 HMAC-SHA256 of eight of its fields.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'json', path: `${ITEM}.additionalData.hmacSignature` },
    encoding: 'base64',
    secret: {
      decode: 'hex',
      where:
        "the webhook's HMAC key (Customer Area → Developers → Webhooks → the webhook → Security → HMAC key), in hex",
      example: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
    },
    custom: {
      signedBytes: (values) => {
        const item = jsonAt(values.json, ITEM);
        if (typeof item !== 'object' || item === null) return { missing: `the JSON field ${ITEM}` };
        const field = (path: string) => {
          const value = jsonAt(item, path);
          return value === undefined || value === null ? '' : String(value);
        };
        return Buffer.from(SIGNED_FIELDS.map(field).join(':'));
      },
      check: (values) => {
        const items = jsonAt(values.json, 'notificationItems');
        return Array.isArray(items) && items.length > 1
          ? `the body has ${items.length} notificationItems and only the first one's signature was checked`
          : undefined;
      },
    },
  },
  eventType: { in: { json: `${ITEM}.eventCode` } },
  delivery: {
    docs: 'https://docs.adyen.com/api-explorer/Webhooks/1/overview',
    contentType: 'application/json',
    headers: {},
  },
};
