import type { SignatureFlags } from '../cli/signature-options.js';
import { resolveSignatureOptions } from '../cli/signature-options.js';
import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { parseHeaderFlags } from '../options/headers.js';
import { createColors } from '../output/colors.js';
import { loadDelivery } from './load-delivery.js';
import { renderVerifyResult, verifyResultJson } from './render-verify-result.js';

export interface VerifyOptions {
  /** A capture file, a raw payload file, or `-` for stdin. */
  input: string;
  scheme: string;
  flags: SignatureFlags;
  /** `-H` values: the headers of a raw payload (or overrides for a capture). */
  headers: string[];
  /** Unix seconds to check timestamps against; defaults to the clock. */
  now?: number;
  json: boolean;
  /** `--max-file-size`. */
  maxFileBytes?: number;
}

/** Checks one delivery's signature. Exit 0 valid, 1 invalid; misuse and unreadable files throw (2). */
export async function runVerify(options: VerifyOptions, deps: Deps): Promise<ExitCode> {
  const { scheme, secrets, hmac, toleranceSeconds } = resolveSignatureOptions(
    options.scheme,
    options.flags,
    deps.env,
  );
  const extra = parseHeaderFlags(options.headers, '--header');
  const delivery = await loadDelivery(options.input, extra, deps, options.maxFileBytes);
  const now = options.now ?? Math.floor(deps.clock.now() / 1000);
  const result = scheme.verify({
    body: delivery.body,
    headers: delivery.headers,
    secrets,
    now,
    hmac,
    ...(toleranceSeconds !== undefined ? { toleranceSeconds } : {}),
  });
  if (options.json) {
    deps.stdout.write(`${verifyResultJson(result)}\n`);
  } else {
    deps.stdout.write(`${renderVerifyResult(result, secrets.length, createColors(deps.stdout, deps.env))}\n`);
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
  return undefined;
}
