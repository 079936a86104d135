import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { collect } from '../options/numbers.js';
import { DEFAULT_SECRET_ENV } from '../options/secrets.js';
import { DEFAULT_HMAC_OPTIONS } from '../providers/hmac.js';

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
  publicKey?: string;
  privateKey?: string;
  param?: string[];
}

export const HMAC_FLAGS = [
  ['algorithm', '--algorithm'],
  ['encoding', '--encoding'],
  ['signatureHeader', '--signature-header'],
  ['prefix', '--prefix'],
  ['timestampHeader', '--timestamp-header'],
] as const;
export const KEY_FLAGS = [
  ['secret', '--secret'],
  ['secretEnv', '--secret-env'],
  ['tolerance', '--tolerance'],
  ['publicKey', '--public-key'],
  ['privateKey', '--private-key'],
  ['param', '--param'],
] as const;

/**
 * Declares the secret and key flags and the generic-HMAC flags on a command (`sign`, `verify`,
 * `listen --verify`, `send --sign`); `verify` mode adds `--tolerance` and `--public-key`, `sign`
 * mode `--private-key`.
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
      `read the secret from this environment variable (default: ${DEFAULT_SECRET_ENV})`,
    );
  if (mode === 'verify') {
    command.option(
      '--public-key <file|value>',
      'public key or certificate (Ed25519, ECDSA and RSA providers)',
    );
  } else {
    command.option('--private-key <file>', 'private key to sign with (Ed25519, ECDSA and RSA providers)');
  }
  command
    .option(
      '--param <name=value>',
      "a value the provider signs that you know, e.g. PayPal's webhook-id (repeatable)",
      collect,
    )
    .option('--algorithm <name>', 'hmac scheme: sha1, sha256 or sha512 (default: sha256)')
    .option('--encoding <name>', 'hmac scheme: hex or base64 (default: hex)')
    .option(
      '--signature-header <name>',
      `hmac scheme: signature header (default: ${DEFAULT_HMAC_OPTIONS.signatureHeader})`,
    )
    .option('--prefix <text>', "hmac scheme: text before the digest, e.g. 'sha256='")
    .option(
      '--timestamp-header <name>',
      'hmac scheme: send a Unix timestamp in this header and sign "<ts>.<body>"',
    );
  if (mode === 'verify') {
    command.option(
      '--tolerance <duration>',
      "how far a signed timestamp may be from now (default: the provider's, mostly 5m; 0 = no check)",
    );
  }
  return command;
}

/**
 * For `listen` and `send`, whose scheme flag is optional, when it is not given: any signature flag
 * is an error naming both flags. (The settings for a named scheme come from
 * `resolveSignatureChoice` in signature-options.ts, which loads the provider registry.)
 */
export function refuseSignatureFlagsWithout(
  schemeFlag: '--verify' | '--sign',
  flags: SignatureFlags,
): undefined {
  const hmacFlag = HMAC_FLAGS.find(([key]) => flags[key] !== undefined);
  if (hmacFlag) {
    throw new UsageError(`${hmacFlag[1]} needs ${schemeFlag} hmac`, {
      hint: 'the hmac flags describe your own HMAC scheme',
    });
  }
  const keyFlag = KEY_FLAGS.find(([key]) => flags[key] !== undefined);
  if (keyFlag) {
    throw new UsageError(`${keyFlag[1]} needs ${schemeFlag} <scheme>`, {
      hint: `for example ${schemeFlag} github`,
    });
  }
  return undefined;
}
