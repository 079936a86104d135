import type { Colors } from '../output/colors.js';
import type { VerifyResult } from '../signatures/types.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';

/** `✔ valid github signature (secret #2)` or `✘ mismatch: <detail>`; one line, no trailing newline. */
export function renderVerifyResult(result: VerifyResult, secretCount: number, colors: Colors): string {
  if (result.ok) {
    const which =
      secretCount > 1 && result.secretIndex !== undefined ? ` (secret #${result.secretIndex + 1})` : '';
    return `${colors.green('✔')} valid ${result.scheme} signature${which}`;
  }
  return `${colors.red('✘')} ${result.reason}: ${escapeTerminalLine(result.detail ?? '')}`;
}

/** The JSON view: every key always present, `null` when it does not apply. */
export function verifyResultJson(result: VerifyResult): string {
  return JSON.stringify({
    ok: result.ok,
    scheme: result.scheme,
    reason: result.reason ?? null,
    detail: result.detail ?? null,
    secretIndex: result.secretIndex ?? null,
  });
}
