import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import type { HeaderList } from '../options/headers.js';
import { createColors } from '../output/colors.js';
import { loadSignatureKeys, type SignatureChoice } from '../signatures/load-keys.js';
import { verifyDelivery } from '../signatures/signature-settings.js';
import { loadDelivery } from './load-delivery.js';
import { renderVerifyResult, verifyResultJson } from './render-verify-result.js';

export interface VerifyOptions {
  /** A capture file, a raw payload file, or `-` for stdin. */
  input: string;
  signature: SignatureChoice;
  /** `-H`: the headers of a raw payload (or overrides for a capture). */
  headers: HeaderList;
  /** The URL the provider called, for providers that sign it (`--url`). */
  url?: string;
  /** Unix seconds to check timestamps against; defaults to the clock. */
  now?: number;
  json: boolean;
  /** `--max-file-size`. */
  maxFileBytes?: number;
}

/** Checks one delivery's signature. Exit 0 valid, 1 invalid; misuse and unreadable files throw (2). */
export async function runVerify(options: VerifyOptions, deps: Deps): Promise<ExitCode> {
  const settings = await loadSignatureKeys(options.signature, deps);
  const delivery = await loadDelivery(options.input, options.headers, deps, options.maxFileBytes);
  const now = options.now ?? Math.floor(deps.clock.now() / 1000);
  const result = verifyDelivery(
    settings,
    {
      body: delivery.body,
      headers: delivery.headers,
      ...(delivery.method !== undefined && { method: delivery.method }),
      ...(options.url !== undefined && { url: options.url }),
    },
    now,
  );
  if (options.json) {
    deps.stdout.write(`${verifyResultJson(result)}\n`);
  } else {
    const colors = await createColors(deps.stdout, deps.env);
    deps.stdout.write(`${renderVerifyResult(result, settings.secrets.length, colors)}\n`);
    const hint = hintFor(result.reason, delivery.fromCapture);
    if (hint) deps.stderr.write(`hint: ${hint}\n`);
  }
  return result.ok ? ExitCode.ok : ExitCode.checkFailed;
}

function hintFor(reason: string | undefined, fromCapture: boolean): string | undefined {
  if (reason === 'timestamp-too-old' || reason === 'timestamp-in-future') {
    return 'to check a saved delivery, pass --now <unix time it arrived> or --tolerance 0';
  }
  if (reason === 'missing-header' && !fromCapture) {
    return "a raw payload file carries no headers: pass them with -H 'Name: value'";
  }
  if (reason === 'missing-input') return 'pass --url <the URL the provider called> or --param name=value';
  return undefined;
}
