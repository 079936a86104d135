import type { SignedValues } from '../signatures/signed-content.js';

/**
 * What webhook-cli knows about one webhook provider, as data. One file per provider in
 * src/providers/ exports one `ProviderDescription`; src/providers/all-providers.ts lists them.
 * Every command asks the registry (src/providers/registry.ts); the engines in src/signatures/
 * read the `signature` part and never name a provider.
 *
 * Every fact in a description comes from the provider's documentation or SDK source, linked in
 * the file next to the fact (CONTRIBUTING.md, "Adding a provider").
 */

/**
 * Where a value sits in a request. `json` is a dotted path into the JSON body (`data.id`);
 * `startsWith` (a documented id prefix, e.g. Stripe's `evt_`) lets a body location be trusted
 * even when the headers do not say which provider sent the body.
 */
export type ValueLocation = { header: string } | { json: string; startsWith?: string } | { query: string };

/**
 * The bytes that are signed, as a template. Placeholders:
 * - `{body}`: the raw body bytes, exactly as received;
 * - `{timestamp}`: the timestamp text exactly as sent (see `TimestampDescription`);
 * - `{id}`: the delivery id (see `SignatureDescription.id`);
 * - `{url}`: the full URL the provider called (`--url`, listen: `--public-url`);
 * - `{method}`: the HTTP method, upper case;
 * - `{header:Name}`: the value of a request header;
 * - `{json:path}`: a string or number at a dotted path of the JSON body;
 * - `{param:name}`: a value the user gives (e.g. PayPal's webhook id), see `SignatureDescription.params`;
 * - `{crc32:body}`: the CRC-32 of the body, in decimal;
 * - `{sha256hex:body}`: the hex SHA-256 of the body;
 * - `{form:sorted}`: the form parameters of an `application/x-www-form-urlencoded` body,
 *   sorted by name, each as name then value with nothing between (Twilio).
 * Anything else is literal text. `{{` and `}}` are a literal brace.
 */
export type SignedTemplate = string;

/** How the signature travels. */
export type SignatureFormat =
  /** One header holding `<prefix><encoded signature>`, e.g. `X-Hub-Signature-256: sha256=<hex>`. */
  | { kind: 'header'; header: string; prefix?: string }
  /**
   * One header of `key=value` pairs, e.g. Stripe's `t=123,v1=<hex>,v1=<hex>` (pairs `,`, inside `=`)
   * or Paddle's `ts=123;h1=<hex>`. `signatureKey` may repeat (key rotation: any may match);
   * `timestampKey`, when set, is where the timestamp is (then `timestamp.in` is `signature-header`).
   */
  | {
      kind: 'pairs';
      header: string;
      pairSeparator: ',' | ';';
      keyValueSeparator: '=' | ':';
      signatureKey: string;
      timestampKey?: string;
    }
  /**
   * Space-separated `<version>,<signature>` entries (Standard Webhooks): `v1,<b64> v1,<b64>`;
   * entries of other versions are skipped.
   */
  | { kind: 'versioned-list'; header: string; version: string }
  /** In the JSON body at a dotted path (Mailgun `signature.signature`). */
  | { kind: 'json'; path: string };

/**
 * The engine and its algorithm. `token` is not a signature: the header carries the secret itself
 * (GitLab's `X-Gitlab-Token`), compared in constant time.
 */
export type SignatureAlgorithm =
  | 'hmac-sha1'
  | 'hmac-sha256'
  | 'hmac-sha512'
  | 'ed25519'
  | 'ecdsa-p256-sha256'
  | 'rsa-sha1'
  | 'rsa-sha256'
  | 'token';

/** How the signature bytes are written in the header or body. */
export type SignatureEncoding = 'hex' | 'base64' | 'base64url';

/**
 * How a shared secret turns into the HMAC key, and how the user finds it.
 * - `utf8`: the secret text as given is the key (GitHub, Stripe's whole `whsec_...` string);
 * - `base64`: the key is the base64 decoding of the text;
 * - `hex`: the key is the hex decoding of the text (Adyen);
 * - `prefixed-base64`: `prefix` then base64 (Standard Webhooks `whsec_`); the prefix is optional.
 */
export interface SecretDescription {
  decode: 'utf8' | 'base64' | 'hex' | 'prefixed-base64';
  /** For `prefixed-base64`: `whsec_`. Also shown in examples. */
  prefix?: string;
  /** Where the user finds it in the provider's dashboard, one sentence. */
  where: string;
  /** A made-up example in the right form, for `providers show` and docs (never a real secret). */
  example: string;
}

/**
 * Asymmetric schemes: which key verifies (given with `--public-key <file|value>`) and which signs
 * (`--private-key <file>`, for tests and local senders).
 * - `hex-raw` / `base64-raw`: a raw 32-byte Ed25519 public key (Discord hex, Telnyx base64);
 * - `base64-spki`: base64 of a DER SubjectPublicKeyInfo (SendGrid);
 * - `pem`: a PEM public key or X.509 certificate (PayPal, AWS SNS);
 * - `prefixed-base64`: `prefix` then base64 raw key (Standard Webhooks `whpk_` / `whsk_`).
 */
export interface PublicKeyDescription {
  form: 'hex-raw' | 'base64-raw' | 'base64-spki' | 'pem' | 'prefixed-base64';
  prefix?: string;
  /** For `prefixed-base64` private keys (`whsk_`). */
  privatePrefix?: string;
  where: string;
  example: string;
}

/** Where the signed timestamp is, what unit it has, and how far from now it may be. */
export interface TimestampDescription {
  /** A header, a key of a `pairs` signature header, or a JSON body path. */
  in: { header: string } | 'signature-header' | { json: string };
  /** `unix-seconds` (most), `unix-ms` (HubSpot, WorkOS, Sanity, Linear), `rfc3339` (Twitch). */
  unit: 'unix-seconds' | 'unix-ms' | 'rfc3339';
  /** The provider's documented tolerance; `--tolerance` overrides it; 0 means no check. */
  toleranceSeconds: number;
  /** `both`: too old and too far in the future fail; `past`: only too old (Stripe's library). */
  direction: 'both' | 'past';
  /** The provider's library checks the time before (`before`) or after the signature. */
  checked: 'before' | 'after';
}

/** JWT/JWS signatures (Netlify, Upstash QStash): the header is a compact JWS over the claims. */
export interface JwtDescription {
  /** Algorithms accepted in the JWS header. */
  algorithms: readonly ('HS256' | 'HS384' | 'HS512')[];
  /** Required `iss` claim. */
  issuer?: string;
  /** Claim holding the body hash, and its encoding: `sha256` hex (Netlify), `body` base64url (QStash). */
  bodyHash?: { claim: string; encoding: 'hex' | 'base64url' | 'base64' };
  /** Claim holding the URL the provider called (QStash `sub`). */
  urlClaim?: string;
  /** `exp` / `nbf` are checked against the clock (with `--tolerance` as leeway) when present. */
}

export interface SignatureDescription {
  algorithm: SignatureAlgorithm;
  /** Bytes that are signed; not used by `token` and by JWT (which signs its own claims). */
  signed: SignedTemplate;
  format: SignatureFormat;
  encoding: SignatureEncoding;
  /** Shared-secret schemes (HMAC, token, JWT). */
  secret?: SecretDescription;
  /** Asymmetric schemes (Ed25519, ECDSA, RSA). */
  publicKey?: PublicKeyDescription;
  timestamp?: TimestampDescription;
  /**
   * The delivery id used in `{id}`: where it is, how one is made when signing without `--id`
   * (`msg`: `msg_` + 24 base62 characters, Svix's shape; `uuid`), and a character it may not
   * contain (Standard Webhooks forbids `.`, which would make the signed bytes ambiguous).
   */
  id?: { in: ValueLocation; generate: 'msg' | 'uuid'; forbid?: string };
  /** Values the user gives for `{param:name}` (flag `--param name=value`), with a sentence each. */
  params?: Readonly<Record<string, string>>;
  /** Set when the JWS engine reads `format` (Netlify, QStash). */
  jwt?: JwtDescription;
  /**
   * Other header names the same signature may arrive under, tried when none of the main names is
   * present; e.g. Standard Webhooks accepts Svix's `svix-*` spellings. Keys are main names.
   */
  alternateHeaders?: Readonly<Record<string, string>>;
  /**
   * A legacy signature header, checked only when the main one is absent (GitHub's SHA-1
   * `X-Hub-Signature: sha1=<hex>`).
   */
  legacy?: { format: SignatureFormat & { kind: 'header' }; algorithm: SignatureAlgorithm };
  /**
   * Only for what a template cannot say (AWS SNS's field list, Adyen's fields with "" for absent
   * ones, Twilio's bodySHA256 for JSON bodies). Small pure functions of the request; say in the
   * provider's file which doc or SDK line each follows.
   */
  custom?: CustomSignature;
}

export interface CustomSignature {
  /** The signed bytes, instead of `signed`; `{ missing }` names what the request lacks. */
  signedBytes?: (values: SignedValues) => Buffer | { missing: string };
  /** The algorithm, when the request chooses it (AWS SNS `SignatureVersion` 1 = SHA1, 2 = SHA256). */
  algorithm?: (values: SignedValues) => SignatureAlgorithm;
  /** An extra check after the signature matched; a returned sentence fails the delivery as a mismatch. */
  check?: (values: SignedValues) => string | undefined;
}

/**
 * A verification request a provider sends before real deliveries (or from time to time), and
 * how `listen` answers it. The `kind` selects the answer (src/providers/handshakes.ts); `docs` is
 * the provider's page that says so.
 */
export type HandshakeDescription =
  /** A JSON body `{ type: <type>, challenge }`: answer 200 with the challenge as text (Slack). */
  | { kind: 'echo-json-field'; when: { json: string; equals: string }; challenge: string; docs: string }
  /** A GET with `?hub.challenge=...`: answer 200 with the challenge as text (Meta). */
  | { kind: 'echo-query'; query: string; docs: string }
  /** Twitch: header `<header>: <value>`, answer the body's `challenge` as text. */
  | { kind: 'echo-header-json'; header: string; equals: string; challenge: string; docs: string }
  /** Zoom: `{ event: "endpoint.url_validation", payload: { plainToken } }` → `{ plainToken, encryptedToken: hex HMAC }`. */
  | { kind: 'zoom-url-validation'; docs: string }
  /** X: `GET ?crc_token=...` → `{ response_token: "sha256=" + base64 HMAC(secret, crc_token) }`. */
  | { kind: 'x-crc'; docs: string }
  /** Asana: the first request carries `X-Hook-Secret`; echo it back as a header. */
  | { kind: 'echo-header'; header: string; docs: string }
  /** CloudEvents HTTP abuse protection: `OPTIONS` with `WebHook-Request-Origin` → `WebHook-Allowed-Origin`. */
  | { kind: 'cloudevents-options'; docs: string }
  /** Azure Event Grid `SubscriptionValidationEvent` → `{ validationResponse: data.validationCode }`. */
  | { kind: 'event-grid-validation'; docs: string }
  /** AWS SNS `SubscriptionConfirmation`: shown with its SubscribeURL; nothing is fetched. */
  | { kind: 'sns-subscription'; docs: string }
  /** Discord interactions `PING` (`type: 1`) → `{ "type": 1 }` as JSON. */
  | { kind: 'discord-ping'; docs: string };

/** How the event type is named, e.g. GitHub's header plus the body's `action`. */
export interface EventTypeDescription {
  in: ValueLocation;
  /** Appended as `.<value>` when present (GitHub `X-GitHub-Event` + body `action`). */
  suffix?: { json: string };
  /**
   * For a provider that sends its event type as a number: each number's name in its docs
   * (Discord's interaction `type`: 1 is `PING`). A number without a name is shown as it is.
   */
  names?: Readonly<Record<number, string>>;
}

/**
 * How the provider sends a delivery, for `trigger`: the method, the content type and every header
 * it adds besides the signature's (event type, delivery id, timestamp, user agent). Header values
 * are sample templates (schemas/samples/README.md): `{{uuid}}`, `{{event}}`, `{{unix}}`, ...
 * Each sample may override or add headers. Every header comes from `docs`.
 */
export interface DeliveryDescription {
  /** The provider's page that lists the headers of a delivery. */
  docs: string;
  /** Upper case; POST when left out. */
  method?: string;
  /** The Content-Type the provider sends, e.g. `application/json` or `application/json; charset=utf-8`. */
  contentType: string;
  /** Header name (as the provider spells it) → value template. */
  headers: Readonly<Record<string, string>>;
}

export interface ProviderDescription {
  /** Lower-case, kebab-case; what `--scheme`, `--verify` and `--sign` take. */
  id: string;
  /** Other names accepted for `id`. */
  aliases?: readonly string[];
  /** Display name: `GitHub`, `Standard Webhooks`. */
  name: string;
  /** The provider's page on verifying its signatures (the source of the facts below). */
  docs: string;
  /** One or two sentences: what the provider sends (shown by `providers show`). */
  summary: string;
  signature: SignatureDescription;
  /**
   * Headers whose presence says a delivery comes from this provider (`listen --verify auto`, the
   * provider named on each delivery line). Names only, case-insensitive; all must be present;
   * when several providers match, the one with the most detect headers wins, then list order.
   * Leave out when the provider sends another provider's headers (Clerk and Resend send Svix's:
   * they are detected as `standard-webhooks`, which verifies them the same way) and for `hmac`.
   */
  detect?: readonly string[];
  /** Where the provider's own id of the delivery is, most specific first. */
  deliveryId?: readonly ValueLocation[];
  eventType?: EventTypeDescription;
  /** The provider's handshake(s); src/providers/handshakes.ts answers each kind. */
  handshake?: HandshakeDescription | readonly HandshakeDescription[];
  /** A builtin schema name (src/schemas/builtin-schemas.ts) for this provider's payloads. */
  schema?: string;
  /** How a delivery looks on the wire, for `trigger` (samples in schemas/samples/<id>/). */
  delivery?: DeliveryDescription;
}

/**
 * A sender that does not sign its deliveries but has handshakes `listen` must answer (Azure Event
 * Grid authenticates with a header or query secret you choose, or Microsoft Entra ID). Listed in
 * src/providers/all-providers.ts `UNSIGNED_SOURCES`; `sign`/`verify` do not take them.
 */
export type UnsignedSource = Omit<ProviderDescription, 'signature' | 'handshake'> & {
  handshake: HandshakeDescription | readonly HandshakeDescription[];
};
