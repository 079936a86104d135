import { getHeader } from '../options/headers.js';
import type { ProviderDescription } from './types.js';

/**
 * PayPal (REST API webhooks).
 * Signature: PayPal's own SDK, github.com/paypal/PayPal-Python-SDK paypalrestsdk/notifications.py
 *   `WebhookEvent._get_expected_sig`: `transmission_id + "|" + timestamp + "|" + webhook_id + "|"
 *   + str(crc32(event_body) & 0xffffffff)` (CRC-32 of the raw body, unsigned, in decimal), and
 *   `_verify_signature`: an RSA signature over it with the certificate's key, sent base64
 *   (`b64decode(actual_sig)`). `verify` maps `PAYPAL-AUTH-ALGO` `SHA256withRSA` to
 *   sha256WithRSAEncryption and `SHA1withRSA` to sha1WithRSAEncryption.
 * Headers: https://developer.paypal.com/api/webhooks/v1/definitions/verify_webhook_signature
 *   (`PAYPAL-TRANSMISSION-ID`, `PAYPAL-TRANSMISSION-TIME` "in Internet date and time format",
 *   `PAYPAL-TRANSMISSION-SIG`, `PAYPAL-CERT-URL`, `PAYPAL-AUTH-ALGO`; `webhook_id` "The ID of the
 *   webhook as configured in your Developer Portal account", given here with
 *   `--param webhook-id=<id>`).
 * Certificate: the SDK downloads it from `PAYPAL-CERT-URL`; webhook-cli fetches nothing: the user
 *   downloads it and passes the file with `--public-key`. The SDK's extra checks on that
 *   certificate (chain to DigiCert, a `.paypal.com` common name, not expired) are the user's:
 *   webhook-cli only checks the signature with the key in the file.
 * Time: PayPal documents no tolerance (the SDK checks none), so none is applied (`--tolerance`
 *   adds one).
 * Event: https://developer.paypal.com/api/webhooks/v1/definitions/verify_webhook_signature
 *   (`webhook_event.id` "The ID of the webhook event notification"); `event_type` as in the SDK's
 *   sample body (samples/notification/webhook-events/verify_webhook_events.py).
 * Delivery (`trigger`): https://developer.paypal.com/docs/integration/direct/webhooks/notification-messages/
 *   (a "JSON-formatted POST notification message"; `resource_type`, `event_type`), with the
 *   headers of verify-webhook-signature above: `PAYPAL-AUTH-ALGO` `SHA256withRSA` and
 *   `PAYPAL-CERT-URL`, shaped as the SDK sample's
 *   `https://api.sandbox.paypal.com/v1/notifications/certs/CERT-<hex>-<hex>-<hex>` (nothing fetches
 *   it: verify with your own key). The transmission id, time and signature are the signature's.
 *   PayPal documents no User-Agent.
 */
export const paypal: ProviderDescription = {
  id: 'paypal',
  name: 'PayPal',
  docs: 'https://developer.paypal.com/api/rest/webhooks/rest/',
  summary:
    'POSTs a JSON event { id, event_type, resource } with PAYPAL-TRANSMISSION-ID/-TIME/-SIG, PAYPAL-CERT-URL and PAYPAL-AUTH-ALGO: an RSA signature over "<id>|<time>|<webhook id>|<crc32 of the body>".',
  signature: {
    algorithm: 'rsa-sha256',
    signed: '{id}|{timestamp}|{param:webhook-id}|{crc32:body}',
    format: { kind: 'header', header: 'PAYPAL-TRANSMISSION-SIG' },
    encoding: 'base64',
    publicKey: {
      form: 'pem',
      where:
        "the certificate at the delivery's PAYPAL-CERT-URL, downloaded yourself and given as a file (webhook-cli fetches nothing)",
      example: 'paypal-cert.pem (-----BEGIN CERTIFICATE-----...)',
    },
    timestamp: {
      in: { header: 'PAYPAL-TRANSMISSION-TIME' },
      unit: 'rfc3339',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
    id: { in: { header: 'PAYPAL-TRANSMISSION-ID' }, generate: 'uuid' },
    params: {
      'webhook-id':
        'the Webhook ID of the listener URL (Developer Dashboard → the app → Webhooks), which PayPal signs',
    },
    custom: {
      // notifications.py `verify`: __auth_algo_map { SHA256withRSA, SHA1withRSA }.
      algorithm: (values) =>
        getHeader(values.headers, 'PAYPAL-AUTH-ALGO')?.trim() === 'SHA1withRSA' ? 'rsa-sha1' : 'rsa-sha256',
    },
  },
  detect: ['PAYPAL-TRANSMISSION-SIG', 'PAYPAL-TRANSMISSION-ID'],
  deliveryId: [{ json: 'id' }, { header: 'PAYPAL-TRANSMISSION-ID' }],
  eventType: { in: { json: 'event_type' } },
  delivery: {
    docs: 'https://developer.paypal.com/docs/integration/direct/webhooks/notification-messages/',
    contentType: 'application/json',
    headers: {
      'PAYPAL-AUTH-ALGO': 'SHA256withRSA',
      'PAYPAL-CERT-URL':
        'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-{{hex:8#cert-a}}-{{hex:8#cert-b}}-{{hex:8#cert-c}}',
    },
  },
};
