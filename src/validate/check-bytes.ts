import { isCaptureDocument } from '../capture/capture.js';
import { fromCaptureDocument } from '../capture/decode-capture.js';
import { CliError } from '../errors.js';
import { startsWithFailedFileHeader } from '../inputs/failed-file-header.js';
import type { HeaderList } from '../options/headers.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { bytePosition, decodeJsonBytes } from './decode-json-bytes.js';
import type { FileReport, ReportedError } from './file-report.js';
import { createLineIndex } from './line-index.js';
import { locateErrors, valueOffset } from './locate-errors.js';
import { parseJson } from './parse-json.js';

export interface CheckOptions {
  event?: string;
  maxErrors: number;
  /** `.jsonl` / `.ndjson`: one payload per line. */
  jsonLines: boolean;
}

/**
 * Checks one file's bytes and returns its report. Pure apart from the registry (which compiles on
 * first use), so it runs the same in the main thread and in a worker.
 */
export function checkBytes(
  file: string,
  bytes: Uint8Array,
  registry: SchemaRegistry,
  options: CheckOptions,
): FileReport {
  if (options.jsonLines) return checkJsonLines(file, bytes, registry, options);
  const decoded = decodeJsonBytes(bytes);
  if (!decoded.ok) {
    return errorReport(file, {
      keyword: 'input',
      message: decoded.message,
      ...bytePosition(bytes, decoded.offset),
    });
  }
  const outcome = checkText(decoded.text, registry, options, options.maxErrors);
  return { file, ...outcome };
}

type Outcome = Omit<FileReport, 'file'>;

/** Validates one JSON text (a whole file, or one line of a JSON Lines file). */
function checkText(
  text: string,
  registry: SchemaRegistry,
  options: CheckOptions,
  maxErrors: number,
): Outcome {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return failure('error', [
      { pointer: '', keyword: 'parse', message: parsed.message, line: parsed.line, column: parsed.column },
    ]);
  }
  let body = parsed.value;
  let headers: HeaderList | undefined;
  // Where an offset in the payload's text lands in the file's text (captures hold the body as a string).
  let payloadText = text;
  let toFileOffset = (offset: number) => offset;
  if (isCaptureDocument(body)) {
    let capture: ReturnType<typeof fromCaptureDocument>;
    try {
      capture = fromCaptureDocument(body, '');
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      return failure('error', [
        { pointer: '', keyword: 'capture', message: error.message.replace(/^: /, ''), line: 1, column: 1 },
      ]);
    }
    headers = capture.headers;
    const dataStart = valueOffset(text, '/body/data');
    const dataOffset = dataStart ?? 0;
    const at = (offset: number) => createLineIndex(text)(offset);
    const decoded = decodeJsonBytes(capture.body, 'capture body');
    if (!decoded.ok) {
      return failure('error', [
        { pointer: '', keyword: 'input', message: decoded.message, ...at(dataOffset) },
      ]);
    }
    const isUtf8Body = (body as { body: { encoding: string } }).body.encoding === 'utf8';
    toFileOffset = (offset) =>
      isUtf8Body && dataStart !== undefined ? literalOffset(text, dataStart, offset) : dataOffset;
    const inner = parseJson(decoded.text);
    if (!inner.ok) {
      return failure('error', [
        {
          pointer: '',
          keyword: 'parse',
          message: `capture body: ${inner.message}`,
          ...at(toFileOffset(inner.offset)),
        },
      ]);
    }
    body = inner.value;
    payloadText = decoded.text;
  }
  const outcome = registry.validate({ body, headers, event: options.event }, { maxErrors });
  if (outcome.status === 'valid') {
    return { status: 'valid', schema: outcome.schema, rule: outcome.rule, errors: [], errorCount: 0 };
  }
  if (outcome.status === 'no-schema') {
    return failure('error', [
      { pointer: '', keyword: 'no-schema', message: outcome.message, line: 1, column: 1 },
    ]);
  }
  if (outcome.status === 'broken-schema' || outcome.status === 'unchecked') {
    const keyword = outcome.status === 'unchecked' ? 'depth' : 'schema';
    return {
      ...failure('error', [{ pointer: '', keyword, message: outcome.message, line: 1, column: 1 }]),
      schema: outcome.schema,
      rule: outcome.rule,
    };
  }
  const offsets = locateErrors(payloadText, outcome.errors);
  const position = createLineIndex(text);
  const errors = outcome.errors.map((error, index) => ({
    pointer: error.pointer,
    message: error.message,
    keyword: error.keyword,
    ...position(toFileOffset(offsets[index]!)),
  }));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    status: 'invalid',
    schema: outcome.schema,
    rule: outcome.rule,
    errors,
    errorCount: outcome.errorCount ?? errors.length,
  };
}

function checkJsonLines(
  file: string,
  bytes: Uint8Array,
  registry: SchemaRegistry,
  options: CheckOptions,
): FileReport {
  const decoded = decodeJsonBytes(bytes);
  if (!decoded.ok) {
    return errorReport(file, {
      keyword: 'input',
      message: decoded.message,
      ...bytePosition(bytes, decoded.offset),
    });
  }
  const lines = decoded.text.split('\n');
  const errors: ReportedError[] = [];
  const schemas = new Set<string>();
  const rules = new Set<string>();
  let errorCount = 0;
  let status: FileReport['status'] = 'valid';
  let records = 0;
  for (const [index, line] of lines.entries()) {
    // The header line of a `send --failed` file describes the file; it is not a payload.
    if (line.trim() === '' || (index === 0 && startsWithFailedFileHeader(line))) continue;
    records += 1;
    const outcome = checkText(line, registry, options, Math.max(0, options.maxErrors - errors.length));
    if (outcome.schema) schemas.add(outcome.schema);
    if (outcome.rule) rules.add(outcome.rule);
    if (outcome.status === 'error') status = 'error';
    else if (outcome.status === 'invalid' && status === 'valid') status = 'invalid';
    errorCount += outcome.errorCount;
    for (const error of outcome.errors) {
      if (errors.length < options.maxErrors) errors.push({ ...error, line: index + 1 });
    }
  }
  if (records === 0) {
    return errorReport(file, { keyword: 'input', message: 'empty file (no JSON lines)', line: 1, column: 1 });
  }
  const report: FileReport = { file, status, errors, errorCount };
  if (schemas.size > 0) report.schema = [...schemas].join(', ');
  if (rules.size > 0) report.rule = [...rules].join('; ');
  return report;
}

export function errorReport(
  file: string,
  error: Omit<ReportedError, 'pointer'> & { pointer?: string },
): FileReport {
  return { file, status: 'error', errors: [{ pointer: '', ...error }], errorCount: 1 };
}

function failure(status: 'error', errors: ReportedError[]): Outcome {
  return { status, errors, errorCount: errors.length };
}

/**
 * The offset in the file of the character at `offset` of the decoded string literal that starts at
 * `literalStart` (its opening quote): each escape (`\n`, `\u00e9`) is one decoded code unit.
 */
function literalOffset(text: string, literalStart: number, offset: number): number {
  let raw = literalStart + 1;
  for (let decoded = 0; decoded < offset && raw < text.length; decoded += 1) {
    if (text.charCodeAt(raw) === 0x5c) raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw += 1;
  }
  return raw;
}
