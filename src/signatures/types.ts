import type { HeaderList } from '../options/headers.js';

/** A provider id from the registry (src/providers/), e.g. `github`. */
export type SchemeName = string;

/** Options of the generic `hmac` scheme (flags --algorithm, --encoding, --signature-header, --prefix, --timestamp-header). */
export interface HmacOptions {
  algorithm: 'sha1' | 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  signatureHeader: string;
  prefix: string;
  timestampHeader?: string;
}

/** What the request looked like to the provider, for schemes that sign more than the body. */
export interface RequestContext {
  /** The full URL the provider called (`--url`; listen: `--public-url` + path). */
  url?: string;
  /** Upper-case HTTP method; POST when absent. */
  method?: string;
  /** `--param name=value`: values a template's `{param:name}` needs (e.g. PayPal's webhook id). */
  params?: Readonly<Record<string, string>>;
}

export interface SignInput extends RequestContext {
  /** The exact body bytes. */
  body: Buffer;
  /** Shared-secret schemes: the secret as the provider shows it. */
  secret?: string;
  /** Asymmetric schemes: the private key text (PEM, or the provider's raw form). */
  privateKey?: string;
  /** Delivery id, for schemes that sign one (standard-webhooks). Generated when absent. */
  id?: string;
  /** Headers the request will carry anyway (`-H`), which a template may sign (`{header:Name}`). */
  headers?: HeaderList;
  /** Unix seconds. */
  timestamp: number;
}

export interface VerifyInput extends RequestContext {
  body: Buffer;
  headers: HeaderList;
  secrets: readonly string[];
  /** Asymmetric schemes: the public key or certificate text. */
  publicKey?: string;
  /** Unix seconds. */
  now: number;
  /** Overrides the scheme's default tolerance. */
  toleranceSeconds?: number;
}

export type VerifyReason =
  | 'missing-header'
  | 'malformed-header'
  | 'timestamp-too-old'
  | 'timestamp-in-future'
  | 'mismatch'
  | 'no-secret'
  /** Something the signed bytes need is not known: the URL, a `--param`, a body field. */
  | 'missing-input'
  /** `--verify auto`: the headers match no known provider. */
  | 'no-provider';

/** Never thrown: a failed check is a value the caller renders. */
export interface VerifyResult {
  ok: boolean;
  scheme: SchemeName;
  reason?: VerifyReason;
  /** A sentence for people: which header is missing, by how much a timestamp is off, ... */
  detail?: string;
  /** Which of the secrets matched (0-based), for key rotation. */
  secretIndex?: number;
}
