import { UsageError } from '../../errors.js';
import { MAX_FILE_SIZE_OPTION } from '../../options/max-file-size.js';
import { runSign } from '../../sign/run-sign.js';
import { type SignFlags, toSignOptions } from '../sign.js';
import { type ApiIo, apiDeps, collectingStream } from './api-deps.js';
import { headerFlags, type SignatureInput, toSignatureFlags } from './signature-input.js';

/** `sign`'s flags as options (see docs/signatures.md). */
export interface SignApiOptions extends SignatureInput, ApiIo {
  /** `--scheme`: github, stripe, standard-webhooks, svix, shopify, slack, hmac. */
  scheme: string;
  /** The payload's exact bytes. Or give `input`. */
  body?: string | Buffer;
  /** A payload file (instead of `body`). */
  input?: string;
  /** `--id`: the delivery id (standard-webhooks: generated as msg_... when absent). */
  id?: string;
  /** `--timestamp`: Unix seconds to sign with instead of now. */
  timestamp?: number;
  /** `-H`: extra headers to return with the signature headers. */
  header?: Readonly<Record<string, string>> | readonly string[];
  /** `--url`: the URL the provider calls, for providers that sign it (Twilio, Square, HubSpot). */
  url?: string;
}

/**
 * `webhook-cli sign`: the headers to send with the body, as `sign --json` prints them
 * (`{ 'Stripe-Signature': 't=...,v1=...' }`).
 */
export async function sign(options: SignApiOptions): Promise<Record<string, string>> {
  if ((options.body === undefined) === (options.input === undefined)) {
    throw new UsageError('sign(): give either body or input', {
      hint: "e.g. sign({ scheme: 'github', body, secret })",
    });
  }
  const stdout = collectingStream();
  const deps = {
    ...apiDeps(options, options.body === undefined ? undefined : Buffer.from(options.body)),
    stdout,
  };
  const flags: SignFlags = {
    ...toSignatureFlags(options),
    scheme: options.scheme,
    json: true,
    maxFileSize: MAX_FILE_SIZE_OPTION[2],
  };
  const header = headerFlags(options.header);
  if (header !== undefined) flags.header = header;
  if (options.id !== undefined) flags.id = options.id;
  if (options.timestamp !== undefined) flags.timestamp = String(options.timestamp);
  if (options.url !== undefined) flags.url = options.url;
  await runSign(toSignOptions(options.input ?? '-', flags, deps.env), deps);
  return JSON.parse(stdout.text()) as Record<string, string>;
}
