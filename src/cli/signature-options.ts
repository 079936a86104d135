import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseDuration } from '../options/duration.js';
import { collect } from '../options/numbers.js';
import { DEFAULT_SECRET_ENV, resolveSecrets } from '../options/secrets.js';
import { DEFAULT_HMAC_OPTIONS } from '../providers/hmac.js';
import { getProvider } from '../providers/registry.js';
import { decodeSecret } from '../signatures/keys.js';
import { getScheme } from '../signatures/registry.js';
import type { HmacOptions, SignatureScheme } from '../signatures/types.js';

/** The raw flag values `addSecretOptions` declares, as commander hands them over. */
export interface SignatureFlags {
  secret?: string[];
  secretEnv?: string;
  algorithm?: string;
  encoding?: string;
  signatureHeader?: string;
  prefix?: string;
  timestampHeader?: string;
  tolerance?: string;
}

export interface SignatureOptions {
  scheme: SignatureScheme;
  /** In the order given; `sign` uses the first, `verify` accepts any (key rotation). */
  secrets: string[];
  hmac: Partial<HmacOptions>;
  toleranceSeconds?: number;
}

const ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
const ENCODINGS = ['hex', 'base64'] as const;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HMAC_FLAGS = [
  ['algorithm', '--algorithm'],
  ['encoding', '--encoding'],
  ['signatureHeader', '--signature-header'],
  ['prefix', '--prefix'],
  ['timestampHeader', '--timestamp-header'],
] as const;

/**
 * Declares the secret flags and the generic-HMAC flags on a command (`sign`, `verify`,
 * `listen --verify`, `send --sign`); `verify` mode adds `--tolerance`.
 */
export function addSecretOptions(command: Command, mode: 'sign' | 'verify'): Command {
  command
    .option(
      '--secret <value>',
      mode === 'verify'
        ? 'signing secret; repeat for key rotation (any may match)'
        : 'signing secret (repeatable; the first is used)',
      collect,
    )
    .option(
      '--secret-env <name>',
      `read the secret from this environment variable (default ${DEFAULT_SECRET_ENV})`,
    )
    .option('--algorithm <name>', 'hmac scheme: sha1, sha256 or sha512 (default sha256)')
    .option('--encoding <name>', 'hmac scheme: hex or base64 (default hex)')
    .option(
      '--signature-header <name>',
      `hmac scheme: signature header (default ${DEFAULT_HMAC_OPTIONS.signatureHeader})`,
    )
    .option('--prefix <text>', "hmac scheme: text before the digest, e.g. 'sha256='")
    .option(
      '--timestamp-header <name>',
      'hmac scheme: send a Unix timestamp in this header and sign "<ts>.<body>"',
    );
  if (mode === 'verify') {
    command.option(
      '--tolerance <duration>',
      'how far a signed timestamp may be from now (default 5m; 0 = no check)',
    );
  }
  return command;
}

/** Turns the flags into a scheme, secrets and options, or throws a `UsageError` naming the flag. */
export function resolveSignatureOptions(
  schemeName: string,
  flags: SignatureFlags,
  env: Readonly<Record<string, string | undefined>>,
): SignatureOptions {
  const scheme = getScheme(schemeName);
  const secrets = resolveSecrets(flags, env);
  if (secrets.length === 0) {
    throw new UsageError('no secret given', {
      hint: `pass --secret, --secret-env NAME or set ${DEFAULT_SECRET_ENV}`,
    });
  }
  // A secret the provider cannot use (e.g. not base64 after whsec_) is misuse, said before any check.
  const provider = getProvider(schemeName);
  secrets.forEach((secret, index) => {
    decodeSecret(
      secret,
      provider.signature.secret,
      provider.name,
      secrets.length > 1 ? `secret #${index + 1}` : 'the secret',
    );
  });
  const hmac: Partial<HmacOptions> = {};
  if (scheme.name !== 'hmac') {
    const stray = HMAC_FLAGS.find(([key]) => flags[key] !== undefined);
    if (stray) {
      throw new UsageError(`${stray[1]} applies only to the hmac scheme`, {
        hint: `the ${scheme.name} scheme has fixed headers and algorithm`,
      });
    }
  } else {
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
  }
  const options: SignatureOptions = { scheme, secrets, hmac };
  if (flags.tolerance !== undefined) {
    options.toleranceSeconds = Math.floor(parseDuration(flags.tolerance, '--tolerance', 's') / 1000);
  }
  return options;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const lower = value.toLowerCase();
  const match = allowed.find((item) => item === lower);
  if (!match) {
    throw new UsageError(`${flag}: '${printable(value)}' is not supported`, {
      hint: `use ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`,
    });
  }
  return match;
}

function headerName(value: string, flag: string): string {
  if (!TOKEN.test(value)) {
    throw new UsageError(`${flag}: '${printable(value)}' is not a valid header name`, {
      hint: "letters, digits and !#$%&'*+-.^_`|~ only",
    });
  }
  return value;
}

function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
