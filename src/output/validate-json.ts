import type { FileReport, ValidateSummary } from '../validate/file-report.js';

/**
 * `{ files: [{ file, ok, status, schema, errorCount, errors: [{ pointer, message, keyword, line,
 * column }] }], summary }`. `schema` is null when none was chosen.
 */
export function renderJsonReport(reports: readonly FileReport[], summary: ValidateSummary): string {
  const files = reports.map((report) => ({
    file: report.file,
    ok: report.status === 'valid',
    status: report.status,
    schema: report.schema ?? null,
    errorCount: report.errorCount,
    errors: report.errors.map(({ pointer, message, keyword, line, column }) => ({
      pointer,
      message,
      keyword,
      line,
      column,
    })),
  }));
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}
