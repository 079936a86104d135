import { relative, resolve, sep } from 'node:path';
import type { FileReport } from '../validate/file-report.js';
import { isInputError } from './validate-error-kind.js';
import { escapeControl } from './validate-escape.js';

/**
 * GitHub Actions workflow commands, one `::error file=...,line=...,col=...,title=...::message` per
 * error, escaped as the runner requires: `%`, CR and LF in the message; also `:` and `,` in
 * property values. Paths are relative to the working directory.
 */
export function renderGithubFile(report: FileReport, cwd: string): string {
  if (report.status === 'valid') return '';
  const file = githubPath(report.file, cwd);
  let out = '';
  for (const error of report.errors) {
    const title = isInputError(error) ? `webhook-cli: ${error.keyword} error` : `schema: ${error.keyword}`;
    const message = error.pointer ? `${error.message} (${error.pointer})` : error.message;
    out += `::error file=${escapeProperty(file)},line=${error.line},col=${error.column},title=${escapeProperty(title)}::${escapeData(message)}\n`;
  }
  return out;
}

export function githubPath(file: string, cwd: string): string {
  if (file === '<stdin>') return file;
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

export function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
