import type { FileReport, ValidateSummary } from '../validate/file-report.js';

/**
 * `{ files: [{ file, ok, status, schema, errorCount, errors: [{ pointer, message, keyword, line,
 * column }] }], summary }`, indented by two. `schema` is null when none was chosen.
 */
export function renderJsonReport(reports: readonly FileReport[], summary: ValidateSummary): string {
  const document = createJsonReport();
  return reports.map((report) => document.file(report)).join('') + document.end(summary);
}

/**
 * A report that is one document, built as files finish: `file` returns what can be written now,
 * `end` the rest, in pieces to write one after another.
 */
export interface ReportDocument {
  file(report: FileReport): string;
  end(summary: ValidateSummary): string | readonly string[];
}

/**
 * The same document written file by file, so that 100,000 file entries are never held at once:
 * each piece is what `JSON.stringify({ files, summary }, null, 2)` would put there.
 */
export function createJsonReport(): {
  file(report: FileReport): string;
  end(summary: ValidateSummary): string;
} {
  let files = 0;
  return {
    file(report) {
      const opening = files === 0 ? '{\n  "files": [\n' : ',\n';
      files += 1;
      return opening + indentLines(JSON.stringify(fileEntry(report), null, 2), '    ', true);
    },
    end(summary) {
      const closing = files === 0 ? '{\n  "files": [],\n' : '\n  ],\n';
      return `${closing}  "summary": ${indentLines(JSON.stringify(summary, null, 2), '  ', false)}\n}\n`;
    },
  };
}

function fileEntry(report: FileReport) {
  return {
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
  };
}

/** Prefixes every line of `text` (the first too, when `first`); JSON text holds no raw newlines in strings. */
function indentLines(text: string, prefix: string, first: boolean): string {
  const indented = text.replaceAll('\n', `\n${prefix}`);
  return first ? prefix + indented : indented;
}
