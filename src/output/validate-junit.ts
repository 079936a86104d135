import type { FileReport, ValidateSummary } from '../validate/file-report.js';
import { isInputError } from './validate-error-kind.js';
import type { ReportDocument } from './validate-json.js';

/**
 * JUnit XML: one `<testsuite>` per file, one `<testcase>` per error (`<failure>` when the data is
 * invalid, `<error>` when the file could not be checked), and a valid file as one passing testcase.
 */
export function renderJunitReport(reports: readonly FileReport[], _summary?: ValidateSummary): string {
  const document = createJunitReport();
  for (const report of reports) document.file(report);
  return document.end().join('');
}

/** Suites kept per block of text: one string per block, not per file. */
const SUITES_PER_BLOCK = 1000;

/**
 * The same document built file by file: each file's `<testsuite>` is rendered as it finishes and
 * only its text is kept, in blocks (the root element's totals come first, so nothing can be
 * written before the last file). `end` returns the document in pieces to write one after another.
 * Holding the reports until the end took 100,000 files to 261 MB.
 */
export function createJunitReport(): ReportDocument & { end(): string[] } {
  const blocks: string[] = [];
  let pending: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  return {
    file(report) {
      const failed = report.errors.filter((error) => !isInputError(error)).length;
      const errored = report.errors.length - failed;
      tests += Math.max(1, report.errors.length);
      failures += failed;
      errors += errored;
      pending.push(renderSuite(report, failed, errored));
      if (pending.length === SUITES_PER_BLOCK) {
        blocks.push(pending.join(''));
        pending = [];
      }
      // Nothing can be written yet: the totals come first.
      return '';
    },
    end() {
      const head = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="webhook-cli validate" tests="${tests}" failures="${failures}" errors="${errors}">\n`;
      return [head, ...blocks, pending.join(''), '</testsuites>\n'];
    },
  };
}

function renderSuite(report: FileReport, failed: number, errored: number): string {
  const file = xml(report.file);
  const cases = Math.max(1, report.errors.length);
  const lines = [`  <testsuite name="${file}" tests="${cases}" failures="${failed}" errors="${errored}">`];
  if (report.status === 'valid') {
    lines.push(
      `    <testcase classname="${file}" name="${xml(`valid against ${report.schema ?? 'schema'}`)}"/>`,
    );
  }
  for (const error of report.errors) {
    const where = `${report.file}:${error.line}:${error.column}`;
    const name = error.pointer
      ? `${where} ${error.pointer} (${error.keyword})`
      : `${where} (${error.keyword})`;
    const tag = isInputError(error) ? 'error' : 'failure';
    const text = error.pointer ? `${where} ${error.message} (${error.pointer})` : `${where} ${error.message}`;
    lines.push(`    <testcase classname="${file}" name="${xml(name)}">`);
    lines.push(
      `      <${tag} message="${xml(error.message)}" type="${xml(error.keyword)}">${xml(text)}</${tag}>`,
    );
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>');
  return `${lines.join('\n')}\n`;
}

/** Escapes markup characters; characters XML 1.0 cannot hold at all become `\\uXXXX` text. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (char) => {
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
