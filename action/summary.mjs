// The job summary and the step outputs of action.yml, from `webhook-cli validate --format json`
// (docs/validate.md gives the report's shape). Plain JavaScript without dependencies: the action runs
// from a checkout of this repository, where nothing is built or installed.
//
//   node summary.mjs <report.json> <stderr file> <exit code> <errors to list> [sarif file]
//
// Appends Markdown to $GITHUB_STEP_SUMMARY and outputs to $GITHUB_OUTPUT, when they are set.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

const CELL_CHARS = 200;
const MESSAGE_LINES = 20;
const MESSAGE_CHARS = 4000;
const SUMMARY_LINE = /^\d+ files?: \d+ valid, \d+ invalid, \d+ errors?$/;

/** Text from a payload or a path made inert in a Markdown table cell. */
function cell(value) {
  let text = String(value).replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const chars = Array.from(text);
  if (chars.length > CELL_CHARS) text = `${chars.slice(0, CELL_CHARS - 1).join('')}…`;
  // Every ASCII punctuation character may be escaped in GitHub's Markdown: `|` cannot end the cell,
  // `<` cannot open HTML, `*`, `_`, `[`, `` ` `` and `&` mean nothing.
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Text for a <pre> block: HTML-escaped, a bounded number of lines. */
function pre(lines) {
  let text = lines.slice(0, MESSAGE_LINES).join('\n');
  if (text.length > MESSAGE_CHARS) text = `${text.slice(0, MESSAGE_CHARS)}…`;
  if (lines.length > MESSAGE_LINES) text += `\n… ${lines.length - MESSAGE_LINES} more lines in the log`;
  const html = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
  return `<pre>\n${html}\n</pre>\n`;
}

function readReport(path) {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    if (Array.isArray(report?.files) && typeof report?.summary?.files === 'number') return report;
  } catch {
    // no report: the CLI stopped before writing one (a broken schema) or did not run
  }
  return undefined;
}

function readLines(path) {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary's Markdown. */
function renderSummary(report, messages, exitCode, rows) {
  if (!report) {
    return [
      `### ❌ webhook-cli validate could not check the files (exit ${exitCode})\n`,
      messages.length > 0 ? pre(messages) : 'It printed no message: see the step’s log.\n',
    ]
      .join('\n')
      .replace(/\n*$/, '\n');
  }
  const { files, valid, invalid, errors } = report.summary;
  const problems = [
    invalid > 0 ? `${invalid} invalid` : '',
    errors > 0 ? plural(errors, 'error') : '',
  ].filter(Boolean);
  let title = `### ❌ webhook-cli validate failed (exit ${exitCode})`;
  if (exitCode === 0)
    title = `### ✅ webhook-cli validate: ${files === 1 ? '1 file' : `all ${files} files`} valid`;
  else if (problems.length > 0)
    title = `### ❌ webhook-cli validate: ${problems.join(', ')} in ${plural(files, 'file')}`;
  const out = [
    `${title}\n`,
    '| files | valid | invalid | errors |',
    '| ---: | ---: | ---: | ---: |',
    `| ${files} | ${valid} | ${invalid} | ${errors} |\n`,
  ];
  const failing = report.files.filter((file) => !file.ok);
  const total = failing.reduce((sum, file) => sum + (file.errorCount ?? file.errors.length), 0);
  const listed = [];
  for (const file of failing) {
    for (const error of file.errors) {
      if (listed.length >= rows) break;
      listed.push({ file: file.file, ...error });
    }
  }
  if (listed.length > 0) {
    out.push('| file | line:col | pointer | keyword | message |', '| --- | --- | --- | --- | --- |');
    for (const e of listed) {
      out.push(
        `| ${cell(e.file)} | ${cell(e.line)}:${cell(e.column)} | ${cell(e.pointer)} | ${cell(e.keyword)} | ${cell(e.message)} |`,
      );
    }
    out.push('');
    if (total > listed.length) {
      out.push(`The first ${listed.length} of ${plural(total, 'error')}; the step’s log has every one.\n`);
    }
  }
  const others = messages.filter((line) => !SUMMARY_LINE.test(line));
  if (others.length > 0) out.push('Messages:\n', pre(others));
  return out.join('\n').replace(/\n*$/, '\n');
}

/** `name<<delimiter` lines, the form of $GITHUB_OUTPUT that any value survives. */
function outputLines(outputs) {
  return Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `ghadelimiter_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

function main(argv, env) {
  const [reportPath = '', stderrPath = '', exitCodeText = '', rowsText = '20', sarifFile = ''] = argv;
  const report = readReport(reportPath);
  const exitCode = Number(exitCodeText);
  if (env.GITHUB_STEP_SUMMARY) {
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      renderSummary(report, readLines(stderrPath), exitCode, Number(rowsText)),
    );
  }
  if (env.GITHUB_OUTPUT) {
    const outputs = { 'exit-code': exitCode };
    if (report) {
      Object.assign(outputs, report.summary, { report: reportPath });
    }
    if (sarifFile && existsSync(sarifFile)) outputs['sarif-file'] = sarifFile;
    appendFileSync(env.GITHUB_OUTPUT, outputLines(outputs));
  }
}

main(process.argv.slice(2), process.env);
