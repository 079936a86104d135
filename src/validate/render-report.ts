import type { Colors } from '../output/colors.js';
import type { ReportDocument } from '../output/validate-json.js';
import { renderTextFile, renderTextSummary } from '../output/validate-text.js';
import type { FileReport, ValidateSummary } from './file-report.js';

export const VALIDATE_FORMATS = ['text', 'json', 'github', 'junit', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ReportRenderer {
  /** Text to write as soon as a file is done ('' for formats that are one document). */
  file(report: FileReport): string;
  /** The rest of the report, after the last file (in pieces to write one after another). */
  end: ReportDocument['end'];
  /** The one-line summary for stderr (with `-o`, or when the report is a document). */
  summary(summary: ValidateSummary, colors: Colors): string;
  /** Whether `end()` already printed the summary line in the report itself. */
  summaryInReport: boolean;
}

/**
 * Streams text, github and JSON output file by file; JUnit keeps each file's rendered text for the
 * totals that come first; SARIF is built at the end. Only the chosen format's module is loaded.
 */
export async function renderReport(
  format: ValidateFormat,
  options: { colors: Colors; verbose: boolean; cwd: string },
): Promise<ReportRenderer> {
  const summary = (value: ValidateSummary, colors: Colors) => renderTextSummary(value, colors);
  if (format === 'text' || format === 'github') {
    const { renderGithubFile } = format === 'github' ? await import('../output/validate-github.js') : {};
    return {
      file: (report) =>
        renderGithubFile
          ? renderGithubFile(report, options.cwd) + renderTextFile(report, options)
          : renderTextFile(report, options),
      end: (value) => renderTextSummary(value, options.colors),
      summary,
      summaryInReport: true,
    };
  }
  if (format === 'json' || format === 'junit') {
    // One document, built as each file is done: 100,000 reports held until the end took the run
    // past 200 MB.
    const document =
      format === 'json'
        ? (await import('../output/validate-json.js')).createJsonReport()
        : (await import('../output/validate-junit.js')).createJunitReport();
    return {
      file: (report) => document.file(report),
      end: (value) => document.end(value),
      summary,
      summaryInReport: false,
    };
  }
  const { renderSarifReport } = await import('../output/validate-sarif.js');
  const reports: FileReport[] = [];
  return {
    file(report) {
      // Valid files keep only what the document shows, so 100,000 of them stay small.
      reports.push(report.status === 'valid' ? { ...report, rule: undefined } : report);
      return '';
    },
    end: (value) => renderSarifReport(reports, value, options.cwd),
    summary,
    summaryInReport: false,
  };
}
