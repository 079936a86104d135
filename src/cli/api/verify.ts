import { UsageError } from '../../errors.js';
import { MAX_FILE_SIZE_OPTION } from '../../options/max-file-size.js';
import { runVerify } from '../../verify/run-verify.js';
import { toVerifyOptions, type VerifyFlags } from '../verify.js';
import { type ApiIo, apiDeps, collectingStream } from './api-deps.js';
import { headerFlags, type SignatureInput, toSignatureFlags } from './signature-input.js';

/** `verify`'s flags as options (see docs/signatures.md). */
export interface VerifyApiOptions extends SignatureInput, ApiIo {
  /** `--scheme`: github, stripe, standard-webhooks, svix, shopify, slack, hmac. */
  scheme: string;
  /** The body's exact bytes, with `headers`. Or give `input`. */
  body?: string | Buffer;
  /** A capture file or raw payload file (instead of `body`). */
  input?: string;
  /** `-H`: the request's headers (override a capture's). */
  headers?: Readonly<Record<string, string>> | readonly string[];
  /** `--now`: Unix seconds to check timestamps against instead of now. */
  now?: number;
  /** `--url`: the URL the provider called, for providers that sign it. */
  url?: string;
}

/** What `verify --json` prints. A mismatch is a result (`ok: false`), not an error. */
export interface VerifyApiResult {
  ok: boolean;
  scheme: string;
  /** Why not: `mismatch`, `missing-header`, `timestamp-too-old`, ... */
  reason: string | null;
  detail: string | null;
  /** Which secret matched, counting from 0. */
  secretIndex: number | null;
}

/** `webhook-cli verify`: checks one delivery's signature. */
export async function verify(options: VerifyApiOptions): Promise<VerifyApiResult> {
  if ((options.body === undefined) === (options.input === undefined)) {
    throw new UsageError('verify(): give either body (with headers) or input', {
      hint: "e.g. verify({ scheme: 'github', body, headers, secret })",
    });
  }
  const stdout = collectingStream();
  const deps = {
    ...apiDeps(options, options.body === undefined ? undefined : Buffer.from(options.body)),
    stdout,
  };
  const flags: VerifyFlags = {
    ...toSignatureFlags(options),
    scheme: options.scheme,
    json: true,
    maxFileSize: MAX_FILE_SIZE_OPTION[2],
  };
  const headers = headerFlags(options.headers);
  if (headers !== undefined) flags.header = headers;
  if (options.now !== undefined) flags.now = String(options.now);
  if (options.url !== undefined) flags.url = options.url;
  await runVerify(toVerifyOptions(options.input ?? '-', flags, deps.env), deps);
  return JSON.parse(stdout.text()) as VerifyApiResult;
}
