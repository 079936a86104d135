import { UsageError } from '../errors.js';
import { parseHttpUrl } from '../http/parse-http-url.js';
import { parseDuration } from '../options/duration.js';
import { isToken } from '../options/headers.js';
import { DEFAULT_SECRET_ENV, resolveSecrets } from '../options/secrets.js';
import { hmacSignature } from '../providers/hmac.js';
import { getProvider } from '../providers/registry.js';
import type { ProviderDescription } from '../providers/types.js';
import { isAsymmetric, signsUrl } from '../signatures/engine-parts.js';
import { decodeSecret } from '../signatures/keys.js';
import type { KeySource, SignatureChoice } from '../signatures/load-keys.js';
import type { SignatureSettings } from '../signatures/signature-settings.js';
import type { HmacOptions } from '../signatures/types.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { HMAC_FLAGS, refuseSignatureFlagsWithout, type SignatureFlags } from './signature-flags.js';

const ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
const ENCODINGS = ['hex', 'base64'] as const;

/**
 * For `listen`, whose `--verify` is optional: the settings when it is given, else undefined; any
 * signature flag without it is an error naming both flags.
 */
export function resolveOptionalSignature(
  scheme: string | undefined,
  schemeFlag: '--verify' | '--sign',
  flags: SignatureFlags,
  env: Readonly<Record<string, string | undefined>>,
  mode: 'sign' | 'verify',
): SignatureChoice | undefined {
  return scheme === undefined
    ? refuseSignatureFlagsWithout(schemeFlag, flags)
    : resolveSignatureChoice(scheme, flags, env, mode);
}

/** Turns the flags into settings, or throws a `UsageError` naming the flag. Never quotes a secret. */
export function resolveSignatureChoice(
  schemeName: string,
  flags: SignatureFlags,
  env: Readonly<Record<string, string | undefined>>,
  mode: 'sign' | 'verify',
): SignatureChoice {
  const auto = schemeName.toLowerCase() === 'auto';
  if (auto && mode === 'sign') {
    throw new UsageError("'auto' only verifies: name the provider to sign as", {
      hint: 'e.g. --scheme github',
    });
  }
  let provider: ProviderDescription | 'auto' = auto ? 'auto' : getProvider(schemeName);
  const name = provider === 'auto' ? 'auto' : provider.id;
  const asymmetric = provider !== 'auto' && isAsymmetric(provider.signature.algorithm);
  const secrets = resolveSecrets(flags, env);
  if (asymmetric) {
    const keyFlag = mode === 'verify' ? '--public-key' : '--private-key';
    if ((mode === 'verify' ? flags.publicKey : flags.privateKey) === undefined) {
      throw new UsageError(`the ${name} scheme needs ${keyFlag}`, {
        hint:
          mode === 'verify'
            ? (provider as ProviderDescription).signature.publicKey?.where
            : 'pass the PEM file of the key',
      });
    }
  } else if (secrets.length === 0 && !(auto && flags.publicKey !== undefined)) {
    throw new UsageError('no secret given', {
      hint: `pass --secret, --secret-env NAME or set ${DEFAULT_SECRET_ENV}`,
    });
  }
  if (provider !== 'auto' && !asymmetric) {
    const description = provider;
    // A secret the provider cannot use (e.g. not base64 after whsec_) is misuse, said before any check.
    secrets.forEach((secret, index) => {
      decodeSecret(
        secret,
        description.signature.secret,
        description.name,
        secrets.length > 1 ? `secret #${index + 1}` : 'the secret',
      );
    });
  }
  if (provider !== 'auto' && provider.id === 'hmac') {
    provider = { ...provider, signature: hmacSignature(hmacOptions(flags)) };
  } else {
    const stray = HMAC_FLAGS.find(([key]) => flags[key] !== undefined);
    if (stray) {
      throw new UsageError(`${stray[1]} applies only to the hmac scheme`, {
        hint: `the ${name} scheme has fixed headers and algorithm`,
      });
    }
  }
  if (provider !== 'auto' && !asymmetric) {
    const keyFlag =
      flags.publicKey !== undefined
        ? '--public-key'
        : flags.privateKey !== undefined
          ? '--private-key'
          : undefined;
    if (keyFlag) {
      throw new UsageError(`${keyFlag} applies only to Ed25519, ECDSA and RSA schemes`, {
        hint: `the ${name} scheme signs with a shared secret`,
      });
    }
  }
  if (provider !== 'auto' && flags.param !== undefined && !provider.signature.params) {
    throw new UsageError(`--param: the ${name} scheme signs no parameters`);
  }
  const settings: SignatureSettings = { provider, secrets };
  if (flags.tolerance !== undefined) {
    settings.toleranceSeconds = Math.floor(parseDuration(flags.tolerance, '--tolerance') / 1000);
  }
  if (flags.param !== undefined) settings.params = parseParams(flags.param);
  const choice: SignatureChoice = { settings };
  if (flags.publicKey !== undefined) choice.publicKey = keySource(flags.publicKey, '--public-key');
  if (flags.privateKey !== undefined)
    choice.privateKey = { file: nonEmpty(flags.privateKey, '--private-key') };
  return choice;
}

/**
 * `--url` / `--public-url`: refused for a provider that does not sign the URL (it would be
 * ignored); `auto` takes it for the deliveries whose provider does.
 */
export function checkSignedUrl(choice: SignatureChoice, text: string, flag: string, hint: string): string {
  const provider = choice.settings.provider;
  if (provider !== 'auto' && !signsUrl(provider.signature)) {
    throw new UsageError(`${flag}: the ${provider.id} scheme does not sign the URL`, {
      hint: 'leave it out',
    });
  }
  return checkHttpUrl(text, flag, hint);
}

/** `--url` (and `sign --curl`): an http(s) URL, or a `UsageError` naming the flag. */
export function checkHttpUrl(text: string, flag: string, hint: string): string {
  parseHttpUrl(text, flag, { hint });
  return text;
}

function hmacOptions(flags: SignatureFlags): Partial<HmacOptions> {
  const hmac: Partial<HmacOptions> = {};
  if (flags.algorithm !== undefined) hmac.algorithm = oneOf(flags.algorithm, ALGORITHMS, '--algorithm');
  if (flags.encoding !== undefined) hmac.encoding = oneOf(flags.encoding, ENCODINGS, '--encoding');
  if (flags.signatureHeader !== undefined)
    hmac.signatureHeader = headerName(flags.signatureHeader, '--signature-header');
  if (flags.timestampHeader !== undefined)
    hmac.timestampHeader = headerName(flags.timestampHeader, '--timestamp-header');
  if (flags.prefix !== undefined) {
    if (/[\x00-\x1f\x7f]/.test(flags.prefix)) throw new UsageError('--prefix contains a control character');
    hmac.prefix = flags.prefix;
  }
  return hmac;
}

/** `name=value` pairs; a name given twice is an error (which one would be signed?). */
function parseParams(values: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const text of values) {
    const at = text.indexOf('=');
    const name = at === -1 ? '' : text.slice(0, at).trim();
    if (!name || /[\x00-\x1f\x7f]/.test(text)) {
      throw new UsageError(`--param: '${escapeTerminalLine(text)}' is not name=value`, {
        hint: 'e.g. --param webhook-id=WH-123',
      });
    }
    if (Object.hasOwn(params, name))
      throw new UsageError(`--param: ${escapeTerminalLine(name)} is given twice`);
    params[name] = text.slice(at + 1);
  }
  return params;
}

/**
 * `--public-key`: the key itself when it looks like one (PEM, or a line of hex/base64 with an
 * optional `whpk_`-style prefix), else a file name.
 */
function keySource(value: string, flag: string): KeySource {
  const text = nonEmpty(value, flag).trim();
  if (text.startsWith('-----BEGIN') || /^([a-z]+_)?[A-Za-z0-9+/]{40,}={0,2}$/.test(text)) return { text };
  return { file: value };
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} is empty`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const lower = value.toLowerCase();
  const match = allowed.find((item) => item === lower);
  if (!match) {
    throw new UsageError(`${flag}: '${escapeTerminalLine(value)}' is not supported`, {
      hint: `use ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`,
    });
  }
  return match;
}

function headerName(value: string, flag: string): string {
  if (!isToken(value)) {
    throw new UsageError(`${flag}: '${escapeTerminalLine(value)}' is not a valid header name`, {
      hint: "letters, digits and !#$%&'*+-.^_`|~ only",
    });
  }
  return value;
}
