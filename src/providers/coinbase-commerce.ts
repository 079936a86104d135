import type { ProviderDescription } from './types.js';

/**
 * Coinbase Commerce.
 * Signature: https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security
 *   `X-CC-Webhook-Signature`: "the SHA256 HMAC signature of the raw request payload, computed
 *   using your webhook shared secret as the key"; hex, as in coinbase-commerce-node@1.0.4
 *   lib/Webhook.js `computeSignature` (`createHmac('sha256', secret)...digest('hex')`) and
 *   `verifySigHeader`. The shared secret (Settings → Notifications) is used as text. No
 *   timestamp is signed.
 * Payload: https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields
 *   (`id` "uuid of webhook event", `attempt_number`, `scheduled_for`, `event` with
 *   `event.type` such as `charge:confirmed`).
 * Delivery: the fields page is the JSON body; Coinbase documents no header besides
 *   X-CC-Webhook-Signature, no user agent, and no Content-Type beyond the body being JSON, so only
 *   `application/json` is sent.
 */
export const coinbaseCommerce: ProviderDescription = {
  id: 'coinbase-commerce',
  name: 'Coinbase Commerce',
  docs: 'https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security',
  summary:
    'POSTs JSON { id, attempt_number, scheduled_for, event: { id, type, data } } with X-CC-Webhook-Signature: <hex HMAC of the body>.',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'X-CC-Webhook-Signature' },
    encoding: 'hex',
    secret: {
      decode: 'utf8',
      where: 'the shared webhook secret (Coinbase Commerce → Settings → Notifications → Show shared secret)',
      example: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    },
  },
  detect: ['X-CC-Webhook-Signature'],
  deliveryId: [{ json: 'id' }],
  eventType: { in: { json: 'event.type' } },
  delivery: {
    docs: 'https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields',
    contentType: 'application/json',
    headers: {},
  },
};
