/**
 * Characters a terminal may act on instead of printing: C0 controls, DEL, C1 controls (U+0080-U+009F,
 * which some terminals read as escape sequences) and the bidirectional overrides behind "Trojan
 * Source" tricks (U+202A-U+202E, U+2066-U+2069). Line feed and tab are kept by `escapeTerminal`
 * (multi-line bodies stay readable) and escaped by `escapeTerminalLine`.
 */
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes text from a request safe to print: every control character and escape sequence becomes a
 * visible escape (`\e[31m`, `\x07`, `\u202e`); line feeds and tabs stay.
 */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE_KEEP_LINES, escapeChar);
}

/** Like `escapeTerminal`, for text that must stay on one line (paths, header values): `\n`, `\t` too. */
export function escapeTerminalLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, escapeChar);
}
