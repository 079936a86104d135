import { UsageError } from '../errors.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';

/**
 * A flag's http(s) URL (`--to`, `--forward-to`, `--url`, `--curl`), or a `UsageError` naming the
 * flag, in one wording everywhere. Credentials (`user:pass@`) are refused unless `credentials` is
 * 'allow', and never echoed: a text with `@` in it is shown as "the URL".
 */
export function parseHttpUrl(
  text: string,
  flag: string,
  options: { hint: string; credentials?: 'refuse' | 'allow'; credentialsHint?: string },
): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {}
  if (url && (options.credentials ?? 'refuse') === 'refuse' && (url.username || url.password)) {
    throw new UsageError(`${flag}: credentials in the URL are not supported`, {
      hint: options.credentialsHint ?? 'give the URL without user:password@',
    });
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    // `user:pass@host` parses as a URL of the scheme `user:`: not echoed either.
    const shown = text.includes('@') ? 'the URL' : `'${escapeTerminalLine(text)}'`;
    throw new UsageError(`${flag}: ${shown} is not an http(s) URL`, { hint: options.hint });
  }
  return url;
}
