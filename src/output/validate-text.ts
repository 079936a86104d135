import type { FileReport, ValidateSummary } from '../validate/file-report.js';
import type { Colors } from './colors.js';
import { isInputError } from './validate-error-kind.js';
import { escapeControl } from './validate-escape.js';

export interface TextOptions {
  colors: Colors;
  verbose: boolean;
}

/**
 * The lines for one file: `path:line:col  message  (pointer)` per error, a line per passing file only
 * with `--verbose`, and with `--verbose` the schema and the rule that chose it.
 */
export function renderTextFile(report: FileReport, options: TextOptions): string {
  const { colors } = options;
  const file = escapeControl(report.file);
  const lines: string[] = [];
  if (report.status === 'valid') {
    if (!options.verbose) return '';
    lines.push(`${colors.green('✓')} ${file}  ${colors.dim(`valid: ${describeSchema(report)}`)}`);
    return `${lines.join('\n')}\n`;
  }
  if (options.verbose && report.schema) {
    // `error` when the file could not be judged (a broken schema, or a JSON Lines file with a bad line).
    lines.push(`${colors.red('✗')} ${file}  ${colors.dim(`${report.status}: ${describeSchema(report)}`)}`);
  }
  for (const error of report.errors) {
    const where = colors.bold(`${file}:${error.line}:${error.column}`);
    const message = escapeControl(error.message);
    const pointer = error.pointer ? `  ${colors.dim(`(${escapeControl(error.pointer)})`)}` : '';
    const tag = isInputError(error) ? colors.red('error ') : '';
    lines.push(`${where}  ${tag}${message}${pointer}`);
  }
  const more = report.errorCount - report.errors.length;
  if (more > 0) {
    lines.push(colors.dim(`${file}: ... and ${more} more error${more === 1 ? '' : 's'} (--max-errors)`));
  }
  return `${lines.join('\n')}\n`;
}

function describeSchema(report: FileReport): string {
  return `${escapeControl(report.schema ?? '')}${report.rule ? ` (${escapeControl(report.rule)})` : ''}`;
}

/** `N files: N valid, N invalid, N errors` */
export function renderTextSummary(summary: ValidateSummary, colors: Colors): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const invalid = `${summary.invalid} invalid`;
  const errors = plural(summary.errors, 'error');
  return `${plural(summary.files, 'file')}: ${colors.green(`${summary.valid} valid`)}, ${
    summary.invalid ? colors.red(invalid) : invalid
  }, ${summary.errors ? colors.red(errors) : errors}\n`;
}
