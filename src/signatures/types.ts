import type { HeaderList } from '../options/headers.js';

export type SchemeName = 'github' | 'stripe' | 'standard-webhooks' | 'shopify' | 'slack' | 'hmac';

/** Options of the generic `hmac` scheme (flags --algorithm, --encoding, --signature-header, --prefix, --timestamp-header). */
export interface HmacOptions {
  algorithm: 'sha1' | 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  signatureHeader: string;
  prefix: string;
  timestampHeader?: string;
}

export interface SignInput {
  /** The exact body bytes. */
  body: Buffer;
  secret: string;
  /** Delivery id, for schemes that sign one (standard-webhooks). Generated when absent. */
  id?: string;
  /** Unix seconds. */
  timestamp: number;
  hmac?: Partial<HmacOptions>;
}

export interface VerifyInput {
  body: Buffer;
  headers: HeaderList;
  secrets: readonly string[];
  /** Unix seconds. */
  now: number;
  /** Overrides the scheme's default tolerance. */
  toleranceSeconds?: number;
  hmac?: Partial<HmacOptions>;
}

export type VerifyReason =
  | 'missing-header'
  | 'malformed-header'
  | 'timestamp-too-old'
  | 'timestamp-in-future'
  | 'mismatch'
  | 'no-secret';

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

export interface SignatureScheme {
  name: SchemeName;
  /** Headers this scheme writes; `send --sign` removes them before signing again. */
  signatureHeaders(hmac?: Partial<HmacOptions>): string[];
  /** The header that carries the delivery id, kept stable across retries (e.g. webhook-id). */
  idHeader?: string;
  sign(input: SignInput): HeaderList;
  verify(input: VerifyInput): VerifyResult;
}
