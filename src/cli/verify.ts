import type { Command } from 'commander';
import { parseHeaderFlags } from '../options/headers.js';
import { MAX_FILE_SIZE_OPTION, parseMaxFileSize } from '../options/max-file-size.js';
import { collect, parseInteger } from '../options/numbers.js';
import type { VerifyOptions } from '../verify/run-verify.js';
import { type CommandContext, examples } from './context.js';
import { addSecretOptions, type SignatureFlags } from './signature-flags.js';
import { checkSignedUrl, resolveSignatureChoice } from './signature-options.js';

export interface VerifyFlags extends SignatureFlags {
  scheme: string;
  header?: string[];
  now?: string;
  json?: boolean;
  url?: string;
  maxFileSize: string;
}

export function registerVerify(program: Command, context: CommandContext): void {
  const command = program
    .command('verify')
    .description("check a saved delivery's signature (a capture file, or a raw payload plus -H headers)")
    .argument('<file>', "capture file or raw payload file, or '-' for stdin")
    .requiredOption('--scheme <id>', 'provider id or hmac (list them: webhook-cli providers)');
  addSecretOptions(command, 'verify')
    .option('--url <url>', 'the URL the provider called, for providers that sign it (Twilio, Square, ...)')
    .option('--now <unix>', 'check timestamps against this Unix time in seconds instead of now')
    .option(
      '-H, --header <header>',
      "a request header, 'Name: value' (repeatable; overrides a capture's)",
      collect,
    )
    .option(...MAX_FILE_SIZE_OPTION)
    .option('--json', 'print { ok, scheme, reason, detail, secretIndex } as JSON')
    .addHelpText(
      'after',
      examples([
        ['webhook-cli verify captures/2026-01-01T10-00-00Z-push.json --scheme github', 'uses WEBHOOK_SECRET'],
        [
          'webhook-cli verify evt.json --scheme stripe --secret-env STRIPE_WEBHOOK_SECRET --now 1767261600',
          'an old capture',
        ],
        [
          "webhook-cli verify body.json --scheme github --secret s3cret -H 'X-Hub-Signature-256: sha256=75..'",
          'raw payload + header',
        ],
        [
          'webhook-cli verify msg.json --scheme svix --secret whsec_old --secret whsec_new --json',
          'key rotation',
        ],
      ]) + '\nExit codes: 0 valid, 1 invalid signature, 2 usage or input error.\n',
    )
    .action((file: string, flags: VerifyFlags) =>
      context.run(async () => {
        const { runVerify } = await import('../verify/run-verify.js');
        return runVerify(toVerifyOptions(file, flags, context.deps.env), context.deps);
      }),
    );
}

/** Flags → typed options; every misuse is a `UsageError` here, before anything is read. */
export function toVerifyOptions(
  file: string,
  flags: VerifyFlags,
  env: Readonly<Record<string, string | undefined>>,
): VerifyOptions {
  const options: VerifyOptions = {
    input: file,
    signature: resolveSignatureChoice(flags.scheme, flags, env, 'verify'),
    headers: parseHeaderFlags(flags.header, '--header'),
    json: flags.json ?? false,
    maxFileBytes: parseMaxFileSize(flags.maxFileSize),
  };
  if (flags.now !== undefined) options.now = parseInteger(flags.now, '--now');
  if (flags.url !== undefined) {
    options.url = checkSignedUrl(
      options.signature,
      flags.url,
      '--url',
      'the exact URL the provider called, e.g. https://example.com/webhooks',
    );
  }
  return options;
}
