/** One error of one file, located in the file's text (1-based line and column). */
export interface ReportedError {
  /** JSON pointer into the payload; empty for errors about the file itself. */
  pointer: string;
  message: string;
  /**
   * The JSON Schema keyword that failed, or `input`, `parse`, `no-schema`, `capture`, `schema` (the
   * chosen schema does not compile), `depth` (the payload is too deep to check against it) for
   * errors that make the file unchecked.
   */
  keyword: string;
  line: number;
  column: number;
}

/**
 * The outcome for one input: `valid`, `invalid` (exit 1: the data broke the schema) or `error`
 * (exit 2: the file could not be read, parsed or matched to a schema).
 */
export interface FileReport {
  file: string;
  status: 'valid' | 'invalid' | 'error';
  /** The schema(s) used, e.g. `github:issues$opened`; undefined when none was chosen. */
  schema?: string;
  /** Why that schema, for `--verbose`. */
  rule?: string;
  /** At most `--max-errors` of them. */
  errors: ReportedError[];
  /** All errors found, before `--max-errors`. */
  errorCount: number;
}

export interface ValidateSummary {
  files: number;
  valid: number;
  invalid: number;
  errors: number;
}

export function summarize(reports: Iterable<FileReport>): ValidateSummary {
  const summary = { files: 0, valid: 0, invalid: 0, errors: 0 };
  for (const report of reports) addToSummary(summary, report);
  return summary;
}

export function addToSummary(summary: ValidateSummary, report: FileReport): void {
  summary.files += 1;
  if (report.status === 'valid') summary.valid += 1;
  else if (report.status === 'invalid') summary.invalid += 1;
  else summary.errors += 1;
}
