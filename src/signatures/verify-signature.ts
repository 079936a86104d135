import { createHash, type KeyObject } from 'node:crypto';
import { getHeader, type HeaderList } from '../options/headers.js';
import type { ProviderDescription, SignatureDescription, SignatureFormat } from '../providers/types.js';
import { type AsymmetricAlgorithm, verifyAsymmetric } from './asymmetric.js';
import { decodeSignature, digestLength, hmacDigest, isAsymmetric, signedBytesOf } from './engine-parts.js';
import { type JwtAlgorithm, verifyJwt } from './jwt.js';
import { decodeSecret, importPublicKey } from './keys.js';
import { jsonAt, parseTemplate, type SignedValues, templatePlaceholders } from './signed-content.js';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS, parseUnixSeconds } from './timestamps.js';
import type { VerifyInput, VerifyResult } from './types.js';
import { failure, matchSecrets, noSecret } from './verify-result.js';

/** The parts of a provider the engines read. */
export type SignatureProvider = Pick<ProviderDescription, 'id' | 'name' | 'signature'>;

/** Header names as sent: the main ones, or the alternates when only those are present (svix-*). */
function headerNamer(signature: SignatureDescription, headers: HeaderList, used: readonly string[]) {
  const alternates = signature.alternateHeaders;
  if (!alternates) return (name: string) => name;
  const useAlternate =
    !used.some((name) => getHeader(headers, name) !== undefined) &&
    used.some((name) => alternates[name] !== undefined && getHeader(headers, alternates[name]) !== undefined);
  return (name: string) => (useAlternate ? (alternates[name] ?? name) : name);
}

/** The headers a signature needs, in the order id, timestamp, signature. */
export function requiredHeaders(signature: SignatureDescription): string[] {
  const names: string[] = [];
  const uses = templatePlaceholders(signature.signed);
  if (signature.id && 'header' in signature.id.in && uses.includes('id')) names.push(signature.id.in.header);
  const timestamp = signature.timestamp?.in;
  if (timestamp && typeof timestamp === 'object' && 'header' in timestamp) names.push(timestamp.header);
  if ('header' in signature.format) names.push(signature.format.header);
  for (const part of parseTemplate(signature.signed)) {
    if (
      'placeholder' in part &&
      part.placeholder === 'header' &&
      part.argument &&
      !names.includes(part.argument)
    ) {
      names.push(part.argument);
    }
  }
  return names;
}

function listNames(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

function parseTimestamp(text: string, unit: 'unix-seconds' | 'unix-ms' | 'rfc3339'): number | undefined {
  if (unit === 'rfc3339') {
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text.trim())) return undefined;
    const ms = Date.parse(text.trim());
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
  }
  const value = parseUnixSeconds(text);
  if (value === undefined) return undefined;
  return unit === 'unix-ms' ? Math.floor(value / 1000) : value;
}

function describeUnit(unit: 'unix-seconds' | 'unix-ms' | 'rfc3339'): string {
  if (unit === 'rfc3339') return 'an RFC 3339 time';
  return unit === 'unix-ms' ? 'a Unix timestamp in milliseconds' : 'a Unix timestamp';
}

interface ReadSignature {
  /** Encoded signature texts; any may match. */
  values: string[];
  /** How many the request carried of the version/key that counts (for the mismatch sentence). */
  count: number;
  /** The timestamp text, when it sits in the signature header. */
  timestampText?: string;
}

/** Reads the signature (and a timestamp inside it) from where the format says, or a failure. */
function readSignature(
  provider: SignatureProvider,
  format: SignatureFormat,
  headers: HeaderList,
  json: () => unknown,
  name: (header: string) => string,
): ReadSignature | VerifyResult {
  const scheme = provider.id;
  const encoding = provider.signature.encoding;
  if (format.kind === 'json') {
    const value = jsonAt(json(), format.path);
    if (typeof value !== 'string') {
      return failure(scheme, 'missing-header', `the body has no ${format.path} signature field`);
    }
    return { values: [value], count: 1 };
  }
  const header = name(format.header);
  const value = getHeader(headers, header)?.trim() as string;
  if (format.kind === 'header') {
    const prefix = format.prefix ?? '';
    // Without the prefix it cannot be the signature: the caller says what it should look like.
    return { values: value.startsWith(prefix) ? [value.slice(prefix.length)] : [], count: 1 };
  }
  if (format.kind === 'versioned-list') {
    const entries = value.split(' ').filter((entry) => entry !== '');
    const mark = `${format.version},`;
    const matching = entries
      .filter((entry) => entry.startsWith(mark))
      .map((entry) => entry.slice(mark.length));
    if (matching.length === 0) {
      const others = [...new Set(entries.map((entry) => entry.split(',')[0] as string))];
      const only = others.length > 0 ? ` (only ${others.join(', ')})` : '';
      return failure(scheme, 'malformed-header', `${header} has no ${mark}<${encoding}> signature${only}`);
    }
    return { values: matching, count: matching.length };
  }
  const values: string[] = [];
  let timestampText: string | undefined;
  for (const item of value.split(format.pairSeparator)) {
    const at = item.indexOf(format.keyValueSeparator);
    if (at === -1) continue;
    const key = item.slice(0, at).trim();
    const text = item.slice(at + 1).trim();
    if (key === format.signatureKey) values.push(text);
    else if (format.timestampKey !== undefined && key === format.timestampKey) timestampText = text;
  }
  const kv = format.keyValueSeparator;
  if (format.timestampKey !== undefined) {
    if (timestampText === undefined) {
      return failure(scheme, 'malformed-header', `${header} has no ${format.timestampKey}${kv}<timestamp>`);
    }
  }
  const result: ReadSignature = { values, count: values.length };
  if (timestampText !== undefined) result.timestampText = timestampText;
  return result;
}

/**
 * Checks a request's signature as the provider's description says: finds the headers, parses
 * the timestamp and signatures, checks the time (before or after, as the provider's library
 * does), then tries every secret or the public key against every signature (key rotation).
 */
export function verifySignature(provider: SignatureProvider, input: VerifyInput): VerifyResult {
  const scheme = provider.id;
  let signature = provider.signature;
  const { headers, body } = input;
  let parsedJson: { value: unknown } | undefined;
  const json = (): unknown => {
    if (!parsedJson) {
      try {
        parsedJson = { value: JSON.parse(body.toString('utf8')) };
      } catch {
        parsedJson = { value: undefined };
      }
    }
    return parsedJson.value;
  };

  // A legacy header (GitHub's SHA-1) counts only when the main one is absent.
  if (
    signature.legacy &&
    'header' in signature.format &&
    getHeader(headers, signature.format.header) === undefined &&
    getHeader(headers, signature.legacy.format.header) !== undefined
  ) {
    signature = { ...signature, format: signature.legacy.format, algorithm: signature.legacy.algorithm };
  }
  const required = requiredHeaders(signature);
  const name = headerNamer(signature, headers, required);
  const missing = required.map(name).filter((header) => getHeader(headers, header) === undefined);
  if (missing.length > 0) {
    return failure(
      scheme,
      'missing-header',
      `${listNames(missing)} header${missing.length > 1 ? 's are' : ' is'} missing`,
    );
  }

  const values: SignedValues = { body, headers, json: undefined };
  if (input.url !== undefined) values.url = input.url;
  values.method = input.method ?? 'POST';
  if (input.params !== undefined) values.params = input.params;
  if (signature.custom || templatePlaceholders(signature.signed).includes('json')) values.json = json();
  if (signature.custom?.algorithm)
    signature = { ...signature, algorithm: signature.custom.algorithm(values) };

  if (signature.id) {
    const location = signature.id.in;
    const id =
      'header' in location
        ? getHeader(headers, name(location.header))
        : 'json' in location
          ? String(jsonAt(json(), location.json) ?? '')
          : undefined;
    if (id !== undefined) {
      const forbid = signature.id.forbid;
      if (forbid && id.includes(forbid)) {
        const where = 'header' in location ? name(location.header) : 'the delivery id';
        return failure(
          scheme,
          'malformed-header',
          `${where} contains "${forbid}", which ${provider.name} forbids`,
        );
      }
      values.id = id;
    }
  }

  const read = readSignature(provider, signature.format, headers, json, name);
  if ('ok' in read) return read;

  let timestamp: number | undefined;
  const timing = signature.timestamp;
  if (timing) {
    let text: string | undefined;
    let label: string;
    if (timing.in === 'signature-header') {
      text = read.timestampText;
      const format = signature.format as {
        header: string;
        timestampKey?: string;
        keyValueSeparator?: string;
      };
      label = `${name(format.header)} has a ${format.timestampKey}${format.keyValueSeparator} value that`;
    } else if ('header' in timing.in) {
      text = getHeader(headers, name(timing.in.header));
      label = name(timing.in.header);
    } else {
      const value = jsonAt(json(), timing.in.json);
      text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
      label = `the body's ${timing.in.json}`;
      if (text === undefined)
        return failure(scheme, 'missing-header', `the body has no ${timing.in.json} timestamp`);
    }
    timestamp = text === undefined ? undefined : parseTimestamp(text, timing.unit);
    if (text === undefined || timestamp === undefined) {
      return failure(scheme, 'malformed-header', `${label} is not ${describeUnit(timing.unit)}`);
    }
    values.timestamp = text;
  }

  const format = signature.format;
  if (read.count === 0 && format.kind === 'pairs') {
    return failure(
      scheme,
      'malformed-header',
      `${name(format.header)} has no ${format.signatureKey}${format.keyValueSeparator}<signature>`,
    );
  }

  const tolerance = input.toleranceSeconds ?? timing?.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const lateCheck = () =>
    timestamp === undefined || !timing
      ? undefined
      : checkTimestamp(scheme, timestamp, input.now, tolerance, timing.direction === 'both');

  const subject = describeSubject(format, read.count, name, signature);

  // Single-header formats say when the signature cannot be one; lists skip bad entries.
  const candidates: Buffer[] = [];
  const expectedLength = digestLength(signature.algorithm);
  for (const text of read.values) {
    const bytes =
      signature.algorithm === 'token' ? Buffer.from(text) : decodeSignature(text, signature.encoding);
    if (bytes && bytes.length > 0 && (expectedLength === undefined || bytes.length === expectedLength)) {
      candidates.push(bytes);
    }
  }
  if (
    candidates.length === 0 &&
    (format.kind === 'header' || format.kind === 'json') &&
    signature.algorithm !== 'token' &&
    !signature.jwt
  ) {
    return failure(scheme, 'malformed-header', `${subject} is not ${describeExpected(signature, format)}`);
  }

  if (timing?.checked === 'before') {
    const late = lateCheck();
    if (late) return late;
  }

  let result: VerifyResult;
  if (signature.jwt) {
    result = verifyJwtSignature(provider, signature, read.values[0] ?? '', input, values, subject);
  } else if (signature.algorithm === 'token') {
    result = matchSecrets(
      scheme,
      input.secrets,
      read.values.map((v) => Buffer.from(v)),
      (secret) => Buffer.from(secret),
      subject,
    );
  } else {
    const signed = signedBytesOf(signature, values);
    if (!signed.ok) return failure(scheme, 'missing-input', `cannot check: ${signed.missing} is not known`);
    if (isAsymmetric(signature.algorithm)) {
      result = verifyWithPublicKey(provider, signature, signed.bytes, candidates, input.publicKey, subject);
    } else {
      const algorithm = signature.algorithm;
      const label = (index: number) => (input.secrets.length > 1 ? `secret #${index + 1}` : 'the secret');
      result = matchSecrets(
        scheme,
        input.secrets,
        candidates,
        (secret) =>
          hmacDigest(
            algorithm,
            decodeSecret(secret, signature.secret, provider.name, label(input.secrets.indexOf(secret))),
            signed.bytes,
          ),
        subject,
      );
    }
  }
  if (!result.ok) return result;
  const extra = signature.custom?.check?.(values);
  if (extra !== undefined) return failure(scheme, 'mismatch', extra);
  if (timing?.checked === 'after') return lateCheck() ?? result;
  return result;
}

function describeSubject(
  format: SignatureFormat,
  count: number,
  name: (header: string) => string,
  signature: SignatureDescription,
): string {
  if (format.kind === 'json') return `the body's ${format.path}`;
  const header = name(format.header);
  if (count <= 1 || signature.jwt) return header;
  const what =
    format.kind === 'pairs' ? format.signatureKey : format.kind === 'versioned-list' ? format.version : '';
  return `${header} (${count} ${what} signatures)`;
}

function describeExpected(signature: SignatureDescription, format: SignatureFormat): string {
  const prefix = format.kind === 'header' ? (format.prefix ?? '') : '';
  const length = digestLength(signature.algorithm);
  if (signature.encoding === 'hex' && length !== undefined) return `${prefix}<${length * 2} hex digits>`;
  const what = signature.algorithm.startsWith('hmac-')
    ? `${signature.algorithm.slice(5).toUpperCase().replace('SHA', 'SHA-')} digest`
    : `${signature.algorithm} signature`;
  return `${prefix}<${signature.encoding} ${what}>`;
}

function verifyWithPublicKey(
  provider: SignatureProvider,
  signature: SignatureDescription,
  data: Buffer,
  candidates: readonly Buffer[],
  publicKey: string | undefined,
  subject: string,
): VerifyResult {
  if (publicKey === undefined || !signature.publicKey) {
    return failure(provider.id, 'no-secret', 'no public key to check the signature with (pass --public-key)');
  }
  let key: KeyObject;
  try {
    key = importPublicKey(publicKey, signature.publicKey);
  } catch (error) {
    // With --verify auto one key may not suit every provider: a failed check, not a crash.
    return failure(
      provider.id,
      'no-secret',
      `the public key is not a ${provider.name} key: ${(error as Error).message}`,
    );
  }
  const algorithm = signature.algorithm as AsymmetricAlgorithm;
  for (const candidate of candidates) {
    if (verifyAsymmetric(algorithm, key, data, candidate)) return { ok: true, scheme: provider.id };
  }
  return failure(
    provider.id,
    'mismatch',
    `${subject} does not match (wrong public key, or the body was changed)`,
  );
}

function verifyJwtSignature(
  provider: SignatureProvider,
  signature: SignatureDescription,
  token: string,
  input: VerifyInput,
  values: SignedValues,
  subject: string,
): VerifyResult {
  const scheme = provider.id;
  const jwt = signature.jwt;
  if (!jwt) throw new Error('verifyJwtSignature without a jwt description');
  if (input.secrets.length === 0) return noSecret(scheme);
  const keys = input.secrets.map((secret) => decodeSecret(secret, signature.secret, provider.name));
  const checked = verifyJwt(token, keys, jwt.algorithms as JwtAlgorithm[]);
  if (!checked.ok) {
    if (checked.reason === 'mismatch') {
      return matchSecrets(scheme, input.secrets, [], () => Buffer.alloc(0), subject);
    }
    return failure(scheme, 'malformed-header', `${subject} ${checked.detail}`);
  }
  const { claims } = checked;
  const ok: VerifyResult = { ok: true, scheme, secretIndex: checked.keyIndex };
  if (jwt.issuer !== undefined && claims.iss !== jwt.issuer) {
    return failure(
      scheme,
      'mismatch',
      `${subject} was issued by ${JSON.stringify(claims.iss)}, not ${JSON.stringify(jwt.issuer)}`,
    );
  }
  if (jwt.bodyHash) {
    const digest = createHash('sha256').update(values.body).digest();
    const claimed = claims[jwt.bodyHash.claim];
    const expected = digest.toString(jwt.bodyHash.encoding);
    // Some senders pad base64url and some do not: compare without padding.
    if (typeof claimed !== 'string' || claimed.replace(/=+$/, '') !== expected.replace(/=+$/, '')) {
      return failure(
        scheme,
        'mismatch',
        `${subject}: the body's SHA-256 differs from the "${jwt.bodyHash.claim}" claim (the body was changed)`,
      );
    }
  }
  if (jwt.urlClaim !== undefined && input.url !== undefined && claims[jwt.urlClaim] !== input.url) {
    return failure(
      scheme,
      'mismatch',
      `${subject} was signed for ${JSON.stringify(claims[jwt.urlClaim])}, not ${JSON.stringify(input.url)}`,
    );
  }
  const tolerance = input.toleranceSeconds ?? signature.timestamp?.toleranceSeconds ?? 0;
  if (typeof claims.exp === 'number' && input.now > claims.exp + tolerance) {
    return failure(
      scheme,
      'timestamp-too-old',
      `${subject} expired ${input.now - claims.exp}s ago (exp ${claims.exp})`,
    );
  }
  if (typeof claims.nbf === 'number' && input.now + tolerance < claims.nbf) {
    return failure(
      scheme,
      'timestamp-in-future',
      `${subject} is not valid for another ${claims.nbf - input.now}s (nbf ${claims.nbf})`,
    );
  }
  return ok;
}
