import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { getHeader, type HeaderList, withHeaders } from '../options/headers.js';
import { formatCurlCommand } from '../output/curl-command.js';
import type { ProviderDescription } from '../providers/types.js';
import { loadSignatureKeys, type SignatureChoice } from '../signatures/load-keys.js';
import {
  deliveryIdHeader,
  type SignatureSettings,
  signDelivery,
  signDeliveryBody,
} from '../signatures/signature-settings.js';
import { readPayload } from './read-payload.js';

export interface SignOptions {
  /** A payload file, or `-` for stdin. */
  input: string;
  signature: SignatureChoice;
  /** `-H`: extra headers to print with the signature headers (a template may sign them). */
  headers: HeaderList;
  id?: string;
  /** Unix seconds; defaults to the clock. */
  timestamp?: number;
  /** The URL the provider calls, for providers that sign it (`--url`, else the `--curl` URL). */
  url?: string;
  /** Print the headers as lines, as JSON, or a curl command that sends the payload to `curl.url`. */
  output: { kind: 'lines' } | { kind: 'json' } | { kind: 'curl'; url: string };
  /** `--max-file-size`. */
  maxFileBytes?: number;
}

/** Signs a payload's exact bytes and prints the headers, as lines, JSON, or a curl command. */
export async function runSign(options: SignOptions, deps: Deps): Promise<ExitCode> {
  const settings = await loadSignatureKeys(options.signature, deps);
  const body = await readPayload(options.input, deps, options.maxFileBytes);
  const timestamp = options.timestamp ?? Math.floor(deps.clock.now() / 1000);
  const provider = settings.provider;
  if (provider !== 'auto' && provider.signature.format.kind === 'json') {
    return signInsideBody(options, settings, body, timestamp, deps);
  }
  const signed = signDelivery(settings, {
    body,
    headers: options.headers,
    timestamp,
    ...(options.id !== undefined && { id: options.id }),
    ...(options.url !== undefined && { url: options.url }),
  });
  let headers: HeaderList = signed;
  const idHeader = settings.provider === 'auto' ? undefined : deliveryIdHeader(settings.provider);
  if (options.id !== undefined && idHeader && getHeader(signed, idHeader) === undefined) {
    headers = [[idHeader, options.id], ...signed];
  }
  headers = withHeaders(options.headers, headers);
  if (settings.secrets.length > 1)
    deps.stderr.write(`signing with the first of ${settings.secrets.length} secrets\n`);

  const output = options.output;
  if (output.kind === 'curl') {
    const withType = getHeader(headers, 'content-type') === undefined && looksLikeJson(body);
    deps.stdout.write(
      `${formatCurlCommand({
        method: 'POST',
        url: output.url,
        headers: withType ? [['Content-Type', 'application/json'], ...headers] : headers,
        ...(options.input === '-' ? { body } : { bodyFile: options.input }),
      })}\n`,
    );
  } else if (output.kind === 'json') {
    deps.stdout.write(`${JSON.stringify(Object.fromEntries(headers), null, 2)}\n`);
  } else {
    deps.stdout.write(headers.map(([name, value]) => `${name}: ${value}\n`).join(''));
  }
  return ExitCode.ok;
}

/**
 * A provider that carries its signature in the body (Mailgun, Adyen, AWS SNS): the payload itself,
 * with the signature written at its place, is the output (`--json`: `{ "body": ... }`; the cli
 * refuses `--curl` for these).
 */
function signInsideBody(
  options: SignOptions,
  settings: SignatureSettings,
  body: Buffer,
  timestamp: number,
  deps: Deps,
): ExitCode {
  const provider = settings.provider as ProviderDescription;
  const format = provider.signature.format as { kind: 'json'; path: string };
  const signed = signDeliveryBody(settings, { body, headers: options.headers, timestamp });
  deps.stderr.write(
    `${provider.name} carries its signature in the body: the payload with ${format.path} set\n`,
  );
  if (options.output.kind === 'json')
    deps.stdout.write(`${JSON.stringify({ body: signed.toString('utf8') })}\n`);
  else deps.stdout.write(signed);
  return ExitCode.ok;
}

/** curl would send `application/x-www-form-urlencoded`; JSON bodies get the type receivers expect. */
function looksLikeJson(body: Buffer): boolean {
  const text = body.toString('utf8');
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
