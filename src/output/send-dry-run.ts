import { formatSize } from '../options/size.js';
import type { OutgoingRequest } from '../send/delivery-report.js';
import type { Colors } from './colors.js';
import { escapeTerminalLine } from './escape-terminal.js';

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
