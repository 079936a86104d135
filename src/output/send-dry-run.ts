import { formatSize } from '../options/size.js';
import type { OutgoingRequest } from '../send/delivery-report.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { Colors } from './colors.js';

/**
 * `--dry-run`: what would be sent, without the body.
 *   POST http://localhost:3000/webhook  (payload.json)
 *     Content-Type: application/json
 *     body: 1.2 KB
 */
export function formatDryRunRequest(input: string, request: OutgoingRequest, colors: Colors): string[] {
  return [
    `${colors.bold(`${escapeTerminalLine(request.method)} ${escapeTerminalLine(request.url)}`)}  ${colors.dim(`(${escapeTerminalLine(input)})`)}`,
    ...request.headers.map(
      ([name, value]) => `  ${colors.cyan(escapeTerminalLine(name))}: ${escapeTerminalLine(value)}`,
    ),
    `  body: ${formatSize(request.body.length)}`,
  ];
}

/**
 * `--dry-run --json`: one object per request per line, the same facts as the text form:
 * `{"input":"a.json","outcome":"dry-run","method":"POST","url":"…","headers":[["Content-Type","application/json"]],"bodyBytes":17}`.
 * A bad input is a line of `send --json` (formatSendJson).
 */
export function formatDryRunJson(input: string, request: OutgoingRequest): string {
  return `${JSON.stringify({
    input,
    outcome: 'dry-run',
    method: request.method,
    url: request.url,
    headers: request.headers,
    bodyBytes: request.body.length,
  })}\n`;
}
