import type { HmacOptions } from '../signatures/types.js';
import type { ProviderDescription, SignatureDescription } from './types.js';

/** Defaults of the generic scheme; flags change them (see `hmacSignature`). */
export const DEFAULT_HMAC_OPTIONS: HmacOptions = {
  algorithm: 'sha256',
  encoding: 'hex',
  signatureHeader: 'X-Signature',
  prefix: '',
};

/**
 * The generic HMAC for the user's own services, not a provider: `<signature-header>:
 * <prefix><hex|base64 digest of the body>`, or with `--timestamp-header` a Unix timestamp in that
 * header, `<ts>.<body>` signed and checked ±300 s before the signature.
 */
export function hmacSignature(options: Partial<HmacOptions> = {}): SignatureDescription {
  const merged = { ...DEFAULT_HMAC_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const signature: SignatureDescription = {
    algorithm: `hmac-${merged.algorithm}`,
    signed: merged.timestampHeader ? '{timestamp}.{body}' : '{body}',
    format: { kind: 'header', header: merged.signatureHeader, prefix: merged.prefix },
    encoding: merged.encoding,
    secret: { decode: 'utf8', where: 'the secret your service signs with', example: 's3cret' },
  };
  if (merged.timestampHeader) {
    signature.timestamp = {
      in: { header: merged.timestampHeader },
      unit: 'unix-seconds',
      toleranceSeconds: 300,
      direction: 'both',
      checked: 'before',
    };
  }
  return signature;
}

export const hmac: ProviderDescription = {
  id: 'hmac',
  name: 'Generic HMAC',
  docs: 'https://www.rfc-editor.org/rfc/rfc2104',
  summary:
    'Your own services: --signature-header (X-Signature) carries --prefix + the hex or base64 HMAC of the body (or of "<ts>.<body>" with --timestamp-header).',
  signature: hmacSignature(),
  // `trigger hmac`: a generic JSON sender of webhook-cli's own making (docs/trigger.md), for the
  // user's services: the `generic` builtin schema's { event, data } with the event and an id in
  // headers. No provider defines these names.
  delivery: {
    docs: 'https://webhook-cli.dev/schemas/builtin/generic.schema.json',
    contentType: 'application/json',
    headers: { 'X-Webhook-Event': '{{event}}', 'X-Webhook-Id': '{{uuid}}' },
  },
};
