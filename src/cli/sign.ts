import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseHeaderFlags } from '../options/headers.js';
import { MAX_FILE_SIZE_OPTION, parseMaxFileSize } from '../options/max-file-size.js';
import { collect, parseInteger } from '../options/numbers.js';
import type { SignOptions } from '../sign/run-sign.js';
import { signsUrl } from '../signatures/engine-parts.js';
import { deliveryIdHeader } from '../signatures/signature-settings.js';
import { type CommandContext, examples } from './context.js';
import { addSecretOptions, type SignatureFlags } from './signature-flags.js';
import { checkHttpUrl, checkSignedUrl, resolveSignatureChoice } from './signature-options.js';

export interface SignFlags extends SignatureFlags {
  scheme: string;
  header?: string[];
  id?: string;
  timestamp?: string;
  json?: boolean;
  maxFileSize: string;
  curl?: string;
  url?: string;
}

export function registerSign(program: Command, context: CommandContext): void {
  const command = program
    .command('sign')
    .description('print the signature headers for a payload (byte-exact), or a curl command that sends it')
    .argument('<payload>', "payload file, or '-' for stdin")
    .requiredOption('--scheme <id>', 'provider id or hmac (list them: webhook-cli providers)');
  addSecretOptions(command, 'sign')
    .option('--url <url>', 'the URL the provider calls, for providers that sign it (Twilio, Square, ...)')
    .option('--id <id>', 'delivery id (standard-webhooks: webhook-id, generated as msg_... when absent)')
    .option('--timestamp <unix>', 'sign with this Unix time in seconds instead of now')
    .option('-H, --header <header>', "an extra header to print, 'Name: value' (repeatable)", collect)
    .option(...MAX_FILE_SIZE_OPTION)
    .option('--json', 'print the headers as a JSON object')
    .option('--curl <url>', 'print a ready-to-run curl command that sends the payload to <url>')
    .addHelpText(
      'after',
      examples([
        [
          'webhook-cli sign payload.json --scheme github --secret-env GH_SECRET',
          'X-Hub-Signature-256: sha256=...',
        ],
        [
          'webhook-cli sign payload.json --scheme stripe --curl http://localhost:3000/webhooks/stripe',
          'a curl command',
        ],
        [
          'echo \'{"a":1}\' | webhook-cli sign - --scheme svix --id msg_1 --json',
          'webhook-* headers as JSON',
        ],
        [
          'webhook-cli sign body.txt --scheme hmac --algorithm sha1 --prefix sha1= --signature-header X-Sig',
          'your own HMAC',
        ],
      ]) + '\nExit codes: 0 signed, 2 usage or input error.\n',
    )
    .action((payload: string, flags: SignFlags) =>
      context.run(async () => {
        const { runSign } = await import('../sign/run-sign.js');
        return runSign(toSignOptions(payload, flags, context.deps.env), context.deps);
      }),
    );
}

/** Flags → typed options; every misuse is a `UsageError` here, before anything is read. */
export function toSignOptions(
  payload: string,
  flags: SignFlags,
  env: Readonly<Record<string, string | undefined>>,
): SignOptions {
  const signature = resolveSignatureChoice(flags.scheme, flags, env, 'sign');
  const headers = parseHeaderFlags(flags.header, '--header');
  if (flags.json && flags.curl !== undefined) {
    throw new UsageError('--json and --curl cannot be used together', { hint: 'pick one output' });
  }
  if (flags.curl !== undefined)
    checkHttpUrl(flags.curl, '--curl', 'e.g. --curl http://localhost:3000/webhook');
  if (flags.url !== undefined)
    checkSignedUrl(
      signature,
      flags.url,
      '--url',
      'the exact URL the provider calls, e.g. https://example.com/webhooks',
    );
  const provider = signature.settings.provider;
  if (flags.curl !== undefined && provider !== 'auto' && provider.signature.format.kind === 'json') {
    throw new UsageError(`--curl: ${provider.name} signs inside the body`, {
      hint: 'write the signed payload to a file (sign ... > signed.json), then send that file',
    });
  }
  if (
    flags.id !== undefined &&
    provider !== 'auto' &&
    !provider.signature.id &&
    !deliveryIdHeader(provider)
  ) {
    throw new UsageError(`--id: the ${provider.id} scheme has no delivery id header`, {
      hint: 'add one yourself with -H if your receiver needs it',
    });
  }
  if (flags.id !== undefined && (flags.id === '' || /[\x00-\x1f\x7f]/.test(flags.id))) {
    throw new UsageError('--id must be non-empty and free of control characters');
  }
  const options: SignOptions = {
    input: payload,
    signature,
    headers,
    maxFileBytes: parseMaxFileSize(flags.maxFileSize),
    output:
      flags.curl !== undefined
        ? { kind: 'curl', url: flags.curl }
        : flags.json
          ? { kind: 'json' }
          : { kind: 'lines' },
  };
  if (flags.id !== undefined) options.id = flags.id;
  if (flags.timestamp !== undefined) options.timestamp = parseInteger(flags.timestamp, '--timestamp');
  // The --curl URL is where it is sent; it is signed only by providers that sign the URL.
  const url = flags.url ?? (provider !== 'auto' && signsUrl(provider.signature) ? flags.curl : undefined);
  if (url !== undefined) options.url = url;
  return options;
}
