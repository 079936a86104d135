// The marks of a list item (`sig ✓`, `schema ✗ 2`, `→ 500`, `rejected 404`, `handshake`). Pure:
// no DOM, unit-tested in node (test/inspector/page-marks.test.ts).
import type { DeliverySummary } from './api-types.js';

export interface Mark {
  /** The mark's colour (a CSS class). */
  tone: 'ok' | 'bad' | 'warn';
  text: string;
  /** The tooltip: what the mark means for this delivery. */
  title: string;
}

export function marksOf(summary: DeliverySummary): Mark[] {
  const marks: Mark[] = [];
  const mark = (tone: Mark['tone'], text: string, title: string) => marks.push({ tone, text, title });
  if (!summary.accepted)
    mark('bad', `rejected ${summary.responseStatus}`, 'The listener refused this request');
  if (summary.handshake) mark('warn', 'handshake', `Answered automatically: ${summary.handshake}`);
  const { signature, validation, forward } = summary;
  if (signature) {
    if (signature.ok) mark('ok', 'sig ✓', `Signature valid (${signature.scheme})`);
    else mark('bad', 'sig ✗', `Signature failed (${signature.scheme}): ${signature.reason ?? 'invalid'}`);
  }
  if (validation) {
    if (validation.ok) mark('ok', 'schema ✓', `Valid against ${validation.schema}`);
    else {
      const text = validation.errorCount > 0 ? `schema ✗ ${validation.errorCount}` : 'schema ✗';
      mark('bad', text, 'Schema check failed');
    }
  }
  if (forward) {
    const label = `→ ${forward.status === null ? 'error' : forward.status}`;
    if (forward.ok) mark('ok', label, `Forwarded to ${forward.url}`);
    else mark('bad', label, `Forward to ${forward.url} failed${forward.error ? `: ${forward.error}` : ''}`);
  }
  return marks;
}
