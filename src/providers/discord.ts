import type { ProviderDescription } from './types.js';

/**
 * Discord (interactions endpoint and webhook events; the same signature).
 * Signature: https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 *   `X-Signature-Ed25519: <hex Ed25519 signature>` over `X-Signature-Timestamp` + the raw body
 *   (`timestamp + body`), verified with the application's Public Key (hex), as the page's
 *   tweetnacl example does. The same headers sign webhook events:
 *   https://discord.com/developers/docs/events/webhook-events#setting-up-an-endpoint-validating-security-request-headers
 * SDK: discord-interactions@4.4.0 dist/index.js:verifyKey imports the key as `raw` from hex and
 *   verifies `concat(timestamp, body)`; it checks no time, and the docs state no tolerance, so
 *   none is checked here (tolerance 0). The timestamp's unit, "a Unix timestamp", is stated on
 *   https://discord.com/developers/docs/activities/development-guides/multiplayer-experience#validating-proxy-request-headers
 *   (the same headers on Discord's proxy); it is only used when signing.
 * Handshake: https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-acknowledging-ping-requests
 *   a `PING` (`type: 1`) is answered 200 with `{ "type": 1 }`. (Webhook events' PING is
 *   `type: 0`, answered 204 with no body:
 *   https://discord.com/developers/docs/events/webhook-events#setting-up-an-endpoint-acknowledging-ping-requests.)
 * Delivery id and event type: the interaction object's `id` and `type`,
 *   https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 * Delivery: the interactions overview (a POST whose JSON body is the interaction object, with the
 *   two X-Signature-* headers, which the signer writes). Neither that page nor the webhook events
 *   page documents another header, a user agent or the exact Content-Type, so only
 *   `application/json` is sent. The samples are interactions, named by their type's name in the
 *   Interaction Type table (`PING` is `type: 1`, `APPLICATION_COMMAND` 2, `MESSAGE_COMPONENT` 3).
 */
export const discord: ProviderDescription = {
  id: 'discord',
  name: 'Discord',
  docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers',
  summary:
    'POSTs interactions (JSON { id, type, data }) and webhook events with X-Signature-Timestamp and X-Signature-Ed25519: <hex Ed25519 of timestamp + body>.',
  signature: {
    algorithm: 'ed25519',
    signed: '{timestamp}{body}',
    format: { kind: 'header', header: 'X-Signature-Ed25519' },
    encoding: 'hex',
    publicKey: {
      form: 'hex-raw',
      where: "the application's Public Key, in the Discord Developer Portal",
      example: '8d3c7a9f0b1e2d4c6a5b7e9f1a3c5e7d9b0a2c4e6f8a1b3d5c7e9f0a2b4c6d8e',
    },
    timestamp: {
      in: { header: 'X-Signature-Timestamp' },
      unit: 'unix-seconds',
      toleranceSeconds: 0,
      direction: 'both',
      checked: 'before',
    },
  },
  detect: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
  deliveryId: [{ json: 'id' }],
  // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type
  eventType: {
    in: { json: 'type' },
    names: {
      1: 'PING',
      2: 'APPLICATION_COMMAND',
      3: 'MESSAGE_COMPONENT',
      4: 'APPLICATION_COMMAND_AUTOCOMPLETE',
      5: 'MODAL_SUBMIT',
    },
  },
  handshake: {
    kind: 'discord-ping',
    docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-acknowledging-ping-requests',
  },
  delivery: {
    docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers',
    contentType: 'application/json',
    headers: {},
  },
};
