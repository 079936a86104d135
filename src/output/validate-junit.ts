import { type FileReport, isInputError, type ValidateSummary } from '../validate/file-report.js';

/**
 * JUnit XML: one `<testsuite>` per file, one `<testcase>` per error (`<failure>` when the data is
 * invalid, `<error>` when the file could not be checked), and a valid file as one passing testcase.
 */
export function renderJunitReport(reports: readonly FileReport[], _summary?: ValidateSummary): string {
  const tests = reports.reduce((total, report) => total + Math.max(1, report.errors.length), 0);
  const count = (report: FileReport, input: boolean) =>
    report.errors.filter((error) => isInputError(error) === input).length;
  const failures = reports.reduce((total, report) => total + count(report, false), 0);
  const errors = reports.reduce((total, report) => total + count(report, true), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="webhook-cli validate" tests="${tests}" failures="${failures}" errors="${errors}">`,
  ];
  for (const report of reports) {
    const file = xml(report.file);
    const cases = Math.max(1, report.errors.length);
    const failed = count(report, false);
    const errored = count(report, true);
    lines.push(`  <testsuite name="${file}" tests="${cases}" failures="${failed}" errors="${errored}">`);
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
      const text = error.pointer
        ? `${where} ${error.message} (${error.pointer})`
        : `${where} ${error.message}`;
      lines.push(`    <testcase classname="${file}" name="${xml(name)}">`);
      lines.push(
        `      <${tag} message="${xml(error.message)}" type="${xml(error.keyword)}">${xml(text)}</${tag}>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
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
