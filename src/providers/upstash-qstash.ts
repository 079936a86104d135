import type { ProviderDescription } from './types.js';

/**
 * Upstash QStash.
 * Signature: https://upstash.com/docs/qstash/howto/signature and
 *   https://upstash.com/docs/qstash/features/security (Request Signing): each request carries a
 *   JWT in `Upstash-Signature`, HS256 (`{"alg":"HS256","typ":"JWT"}`) with the current signing
 *   key; claims `iss` "Upstash" (always), `sub` the URL of your endpoint, `body` the base64url
 *   SHA-256 of the body, `exp` / `nbf` / `iat` Unix seconds (a 5-minute lifetime by default).
 *   @upstash/qstash@2.12.0 `Receiver.verify` (chunk-*.mjs): `jose.jwtVerify(signature,
 *   TextEncoder().encode(key), { issuer: "Upstash", clockTolerance })` (the key is the signing
 *   key's text; clockTolerance defaults to none), first with `currentSigningKey`, then
 *   `nextSigningKey` (rotation: pass both as `--secret`); then `sub` must equal the URL when one
 *   is given, and `body` (padding ignored) the body's SHA-256 in base64url.
 * Delivery id: https://upstash.com/docs/qstash/howto/receiving (Receiving Messages, Headers):
 *   `Upstash-Message-Id` "The message id of the message". Event type: none (QStash forwards your
 *   own message body, "passed as is").
 * Delivery (`trigger`): the same page: `User-Agent` "Will be set to `Upstash-QStash`",
 *   `Content-Type` the publisher's (JSON for the samples here), `Upstash-Retried` (0 on the first
 *   attempt), `Upstash-Message-Id`, `Upstash-Caller-Ip` (the publisher's address); the samples add
 *   `Upstash-Topic-Name` (sent to a URL Group) and `Upstash-Schedule-Id` (from a schedule) where
 *   they apply. The samples' bodies are made-up application messages.
 * No handshake.
 */
export const upstashQstash: ProviderDescription = {
  id: 'upstash-qstash',
  aliases: ['qstash'],
  name: 'Upstash QStash',
  docs: 'https://upstash.com/docs/qstash/howto/signature',
  summary:
    'POSTs your message body with Upstash-Signature: a HS256 JWT (iss "Upstash", sub the URL, body the base64url SHA-256 of the body, exp/nbf).',
  signature: {
    algorithm: 'hmac-sha256',
    signed: '{body}',
    format: { kind: 'header', header: 'Upstash-Signature' },
    encoding: 'base64url',
    secret: {
      decode: 'utf8',
      where:
        'the Current Signing Key (and Next Signing Key, as a second --secret) in the Upstash Console → QStash → Signing Keys',
      example: 'sig_7RvLjqfZBvP5KEUimQCE1pvpLuou',
    },
    jwt: {
      algorithms: ['HS256'],
      issuer: 'Upstash',
      bodyHash: { claim: 'body', encoding: 'base64url' },
      urlClaim: 'sub',
    },
  },
  detect: ['Upstash-Signature'],
  deliveryId: [{ header: 'Upstash-Message-Id' }],
  delivery: {
    docs: 'https://upstash.com/docs/qstash/howto/receiving',
    contentType: 'application/json',
    headers: {
      'User-Agent': 'Upstash-QStash',
      'Upstash-Retried': '0',
      'Upstash-Message-Id': '{{id:msg_:56}}',
      'Upstash-Caller-Ip': '203.0.113.10',
    },
  },
};
