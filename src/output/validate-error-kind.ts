import type { ReportedError } from '../validate/file-report.js';

/** Keywords of errors about the file itself (exit 2), as opposed to schema errors (exit 1). */
const INPUT_KEYWORDS = new Set(['input', 'parse', 'capture', 'no-schema', 'schema', 'depth']);

/** True for an error that left the file unchecked (see ReportedError.keyword): reports mark it apart. */
export function isInputError(error: ReportedError): boolean {
  return INPUT_KEYWORDS.has(error.keyword);
}
