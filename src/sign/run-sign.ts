import type { SignatureFlags } from '../cli/signature-options.js';
import { resolveSignatureOptions } from '../cli/signature-options.js';
import type { Deps } from '../deps.js';
import { ExitCode, UsageError } from '../errors.js';
import { getHeader, type HeaderList, parseHeaderFlags, withHeaders } from '../options/headers.js';
import { formatCurlCommand } from '../output/curl-command.js';
import { readPayload } from './read-payload.js';

export interface SignOptions {
  /** A payload file, or `-` for stdin. */
  input: string;
  scheme: string;
  flags: SignatureFlags;
  /** `-H` values: extra headers to print with the signature headers. */
  headers: string[];
  id?: string;
  /** Unix seconds; defaults to the clock. */
  timestamp?: number;
  json: boolean;
  /** Print a curl command that sends the payload to this URL. */
  curl?: string;
  /** `--max-file-size`. */
  maxFileBytes?: number;
}

/** Signs a payload's exact bytes and prints the headers, as lines, JSON, or a curl command. */
export async function runSign(options: SignOptions, deps: Deps): Promise<ExitCode> {
  const { scheme, secrets, hmac } = resolveSignatureOptions(options.scheme, options.flags, deps.env);
  const extra = parseHeaderFlags(options.headers, '--header');
  if (options.json && options.curl !== undefined) {
    throw new UsageError('--json and --curl cannot be used together', { hint: 'pick one output' });
  }
  if (options.curl !== undefined) checkUrl(options.curl);
  if (options.id !== undefined && scheme.name !== 'standard-webhooks' && !scheme.idHeader) {
    throw new UsageError(`--id: the ${scheme.name} scheme has no delivery id header`, {
      hint: 'add one yourself with -H if your receiver needs it',
    });
  }
  if (options.id !== undefined && (options.id === '' || /[\x00-\x1f\x7f]/.test(options.id))) {
    throw new UsageError('--id must be non-empty and free of control characters');
  }
  const body = await readPayload(options.input, deps, options.maxFileBytes);
  const timestamp = options.timestamp ?? Math.floor(deps.clock.now() / 1000);
  const signed = scheme.sign({
    body,
    secret: secrets[0] as string,
    timestamp,
    hmac,
    ...(options.id !== undefined ? { id: options.id } : {}),
  });
  let headers: HeaderList = signed;
  if (options.id !== undefined && scheme.idHeader && getHeader(signed, scheme.idHeader) === undefined) {
    headers = [[scheme.idHeader, options.id], ...signed];
  }
  headers = withHeaders(extra, headers);
  if (secrets.length > 1) deps.stderr.write(`signing with the first of ${secrets.length} secrets\n`);

  if (options.curl !== undefined) {
    const withType = getHeader(headers, 'content-type') === undefined && looksLikeJson(body);
    deps.stdout.write(
      `${formatCurlCommand({
        method: 'POST',
        url: options.curl,
        headers: withType ? [['Content-Type', 'application/json'], ...headers] : headers,
        ...(options.input === '-' ? { body } : { bodyFile: options.input }),
      })}\n`,
    );
  } else if (options.json) {
    deps.stdout.write(`${JSON.stringify(Object.fromEntries(headers), null, 2)}\n`);
  } else {
    deps.stdout.write(headers.map(([name, value]) => `${name}: ${value}\n`).join(''));
  }
  return ExitCode.ok;
}

function checkUrl(text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {}
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new UsageError(`--curl: ${JSON.stringify(text)} is not an http(s) URL`, {
      hint: 'e.g. --curl http://localhost:3000/webhook',
    });
  }
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
