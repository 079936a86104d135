import type { Command } from 'commander';
import { collect, parseInteger } from '../options/numbers.js';
import { type CommandContext, examples } from './context.js';
import { addSecretOptions, type SignatureFlags } from './signature-options.js';

interface SignFlags extends SignatureFlags {
  scheme: string;
  header?: string[];
  id?: string;
  timestamp?: string;
  json?: boolean;
  curl?: string;
}

export function registerSign(program: Command, context: CommandContext): void {
  const command = program
    .command('sign')
    .description('print the signature headers for a payload (byte-exact), or a curl command that sends it')
    .argument('<payload>', "payload file, or '-' for stdin")
    .requiredOption('-s, --scheme <id>', 'provider id or hmac (list them: webhook-cli providers)');
  addSecretOptions(command, 'sign')
    .option('--id <id>', 'delivery id (standard-webhooks: webhook-id, generated as msg_... when absent)')
    .option('--timestamp <unix>', 'sign with this Unix time in seconds instead of now')
    .option('-H, --header <header>', "an extra header to print, 'Name: value' (repeatable)", collect)
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
      ]),
    )
    .action((payload: string, flags: SignFlags) =>
      context.run(async () => {
        const { runSign } = await import('../sign/run-sign.js');
        return runSign(
          {
            input: payload,
            scheme: flags.scheme,
            flags,
            headers: flags.header ?? [],
            json: flags.json ?? false,
            ...(flags.id !== undefined ? { id: flags.id } : {}),
            ...(flags.timestamp !== undefined
              ? { timestamp: parseInteger(flags.timestamp, '--timestamp') }
              : {}),
            ...(flags.curl !== undefined ? { curl: flags.curl } : {}),
          },
          context.deps,
        );
      }),
    );
}
