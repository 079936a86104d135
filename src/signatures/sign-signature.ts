import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { applyEdits, modify } from 'jsonc-parser';
import { UsageError } from '../errors.js';
import type { HeaderList } from '../options/headers.js';
import type { SignatureDescription } from '../providers/types.js';
import { signAsymmetric } from './asymmetric.js';
import { encodeSignature, hmacDigest, isAsymmetric, signedBytesOf } from './engine-parts.js';
import { signJwt } from './jwt.js';
import { decodeSecret, importPrivateKey } from './keys.js';
import { jsonAt, type SignedValues, templatePlaceholders } from './signed-content.js';
import type { SignInput } from './types.js';
import type { SignatureProvider } from './verify-signature.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `msg_` and 24 random base62 characters, the shape of Svix message ids. */
export function generateMessageId(): string {
  let id = 'msg_';
  for (const byte of randomBytes(24)) id += BASE62[byte % 62];
  return id;
}

function timestampText(signature: SignatureDescription, seconds: number): string {
  switch (signature.timestamp?.unit) {
    case 'unix-ms':
      return String(seconds * 1000);
    case 'rfc3339':
      return new Date(seconds * 1000).toISOString();
    default:
      return String(seconds);
  }
}

/**
 * The headers a provider would send with this body: id, timestamp and signature headers, in that
 * order. Misuse (a missing key, an id the provider forbids, a signature that lives in the body)
 * throws a `UsageError`; secrets are never quoted.
 */
export function signRequest(provider: SignatureProvider, input: SignInput): HeaderList {
  const format = provider.signature.format;
  if (format.kind === 'json') {
    throw new UsageError(
      `${provider.name} puts its signature in the body (${format.path}); it cannot be sent as a header`,
      { hint: `webhook-cli sign --scheme ${provider.id} writes it into the payload` },
    );
  }
  const { headers, value } = signedParts(provider, input);
  headers.push([format.header, value]);
  return headers;
}

/**
 * For a provider whose signature lives in the body (Mailgun, Adyen, AWS SNS): the payload with the
 * signature written at its place. Only that value changes; every other byte stays as it was
 * (jsonc-parser's edit), and these providers sign fields of the body, never its bytes.
 */
export function signIntoBody(provider: SignatureProvider, input: SignInput): Buffer {
  const format = provider.signature.format;
  if (format.kind !== 'json') throw new Error(`${provider.name} signs in a header, not in the body`);
  const { value } = signedParts(provider, input);
  const text = input.body.toString('utf8');
  const path = format.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  let edits: ReturnType<typeof modify>;
  try {
    edits = modify(text, path, value, {});
  } catch {
    throw new UsageError(
      `${provider.name} signs inside the body, and the payload has no place at ${format.path}`,
    );
  }
  return Buffer.from(applyEdits(text, edits));
}

/** The headers a signature needs besides its own (id, timestamp), and the signature's value. */
function signedParts(provider: SignatureProvider, input: SignInput): { headers: HeaderList; value: string } {
  const signature = provider.signature;
  const format = signature.format;
  const headers: HeaderList = [];
  const values: SignedValues = { body: input.body, headers };
  if (input.url !== undefined) values.url = input.url;
  values.method = input.method ?? 'POST';
  if (input.params !== undefined) values.params = input.params;
  if (
    signature.custom ||
    typeof signature.timestamp?.in === 'object' ||
    templatePlaceholders(signature.signed).includes('json')
  ) {
    try {
      values.json = JSON.parse(input.body.toString('utf8'));
    } catch {}
  }

  if (signature.id) {
    const id = input.id ?? (signature.id.generate === 'msg' ? generateMessageId() : randomUUID());
    const forbid = signature.id.forbid;
    if (id === '' || (forbid && id.includes(forbid))) {
      throw new UsageError(`the webhook id ${JSON.stringify(id)} cannot be signed`, {
        hint: `${provider.name} ids must be non-empty${forbid ? ` and must not contain "${forbid}"` : ''}`,
      });
    }
    values.id = id;
    if ('header' in signature.id.in) headers.push([signature.id.in.header, id]);
  }
  const timing = signature.timestamp;
  let pairTimestamp: string | undefined;
  if (timing) {
    const text = timestampText(signature, input.timestamp);
    values.timestamp = text;
    if (timing.in === 'signature-header') pairTimestamp = text;
    else if ('header' in timing.in) headers.push([timing.in.header, text]);
    else {
      // The timestamp is part of the body (Linear's webhookTimestamp): sign what the body says.
      const inBody = jsonAt(values.json, timing.in.json);
      if (typeof inBody !== 'string' && typeof inBody !== 'number') {
        throw new UsageError(
          `${provider.name} signs the body's ${timing.in.json} timestamp, which the payload lacks`,
        );
      }
      values.timestamp = String(inBody);
    }
  }

  values.headers = [...(input.headers ?? []), ...headers];
  const algorithm = signature.custom?.algorithm?.(values);
  const signer = algorithm ? { ...provider, signature: { ...signature, algorithm } } : provider;
  const encoded = computeSignature(signer, input, values);
  let value: string;
  if (format.kind === 'json') value = encoded;
  else if (format.kind === 'header') value = `${format.prefix ?? ''}${encoded}`;
  else if (format.kind === 'versioned-list') value = `${format.version},${encoded}`;
  else {
    const kv = format.keyValueSeparator;
    const parts = [`${format.signatureKey}${kv}${encoded}`];
    if (format.timestampKey !== undefined && pairTimestamp !== undefined) {
      parts.unshift(`${format.timestampKey}${kv}${pairTimestamp}`);
    }
    value = parts.join(format.pairSeparator);
  }
  return { headers, value };
}

function computeSignature(provider: SignatureProvider, input: SignInput, values: SignedValues): string {
  const signature = provider.signature;
  if (signature.algorithm === 'token') {
    if (input.secret === undefined) throw new UsageError('no secret given');
    return input.secret;
  }
  if (signature.jwt) {
    if (input.secret === undefined) throw new UsageError('no secret given');
    const key = decodeSecret(input.secret, signature.secret, provider.name);
    const claims: Record<string, unknown> = {};
    if (signature.jwt.issuer !== undefined) claims.iss = signature.jwt.issuer;
    if (signature.jwt.urlClaim !== undefined && input.url !== undefined)
      claims[signature.jwt.urlClaim] = input.url;
    if (signature.jwt.bodyHash) {
      claims[signature.jwt.bodyHash.claim] = createHash('sha256')
        .update(input.body)
        .digest(signature.jwt.bodyHash.encoding);
    }
    claims.iat = input.timestamp;
    claims.nbf = input.timestamp;
    claims.exp = input.timestamp + 300;
    return signJwt(claims, key, signature.jwt.algorithms[0]);
  }
  const signed = signedBytesOf(signature, values);
  if (!signed.ok) {
    throw new UsageError(`${provider.name} signs ${signed.missing}, which was not given`, {
      hint: signed.missing.startsWith('the URL') ? 'pass --url <the URL the provider calls>' : undefined,
    });
  }
  if (isAsymmetric(signature.algorithm)) {
    if (input.privateKey === undefined || !signature.publicKey) {
      throw new UsageError(`${provider.name} signs with a private key`, {
        hint: 'pass --private-key <file>',
      });
    }
    const key = importPrivateKey(input.privateKey, signature.publicKey);
    return encodeSignature(signAsymmetric(signature.algorithm, key, signed.bytes), signature.encoding);
  }
  if (input.secret === undefined) throw new UsageError('no secret given');
  const key = decodeSecret(input.secret, signature.secret, provider.name);
  return encodeSignature(hmacDigest(signature.algorithm, key, signed.bytes), signature.encoding);
}
