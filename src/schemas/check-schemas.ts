import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { describeFsError, expandInputs } from '../inputs/expand-inputs.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import type { FileReport, ReportedError } from '../validate/file-report.js';
import { createLineIndex } from '../validate/line-index.js';
import { locateErrors } from '../validate/locate-errors.js';
import { parseJson } from '../validate/parse-json.js';
import { AjvPool, type Draft, type SchemaDocument } from './ajv-pool.js';
import { isApiDocument } from './api-operations.js';
import {
  addApiDocument,
  describeApiKind,
  type LoadedApiDocument,
  loadApiDocument,
  operationRef,
  payloadSchemaErrors,
} from './api-schema-source.js';
import { readMissingSchema } from './load-schema-registry.js';
import { documentFromText } from './schema-sources.js';
import { toValidationErrors } from './to-validation-errors.js';

export interface CheckSchemasOptions {
  cwd: string;
  /** Unknown keywords and formats are errors, as with `validate --strict`. */
  strict: boolean;
  readStdin: () => Promise<Buffer>;
}

interface Parsed {
  report: FileReport;
  text: string;
  document?: SchemaDocument;
  draft?: Draft;
  /** An OpenAPI or AsyncAPI document: its payload schemas are checked. */
  api?: LoadedApiDocument;
}

/**
 * `schemas check`: each schema file against its draft's meta-schema, every error located in the
 * schema file (line:column of the offending value), then compiled, all files together so that
 * `$ref`s between them (and to sibling files) resolve as they would in `validate`. A file that
 * cannot be read or parsed is an `error` report; a schema that breaks its meta-schema, names an
 * unknown draft or does not compile is `invalid`.
 */
export async function checkSchemaFiles(
  inputs: string[],
  options: CheckSchemasOptions,
): Promise<FileReport[]> {
  const parsed: Parsed[] = [];
  for await (const item of expandInputs(inputs, {
    cwd: options.cwd,
    extensions: ['.json'],
    recursive: true,
  })) {
    if (item.kind === 'error') {
      parsed.push({ report: fileError(item.path, 'input', item.message), text: '' });
      continue;
    }
    const shown = item.kind === 'stdin' ? '<stdin>' : item.path;
    const absolute = item.kind === 'stdin' ? `${options.cwd}/<stdin>` : item.absolute;
    let text: string;
    try {
      text =
        item.kind === 'stdin'
          ? (await options.readStdin()).toString('utf8')
          : readNamedFile(absolute, shown, DEFAULT_MAX_FILE_BYTES).toString('utf8');
    } catch (error) {
      const why = error instanceof NamedFileError ? error.reason : `cannot read: ${describeFsError(error)}`;
      parsed.push({ report: fileError(shown, 'input', why), text: '' });
      continue;
    }
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (/\.ya?ml$/i.test(shown) || isApiDocumentText(clean))
      parsed.push(await parseApiDocument(shown, absolute));
    else parsed.push(parseSchemaText(shown, absolute, clean));
  }
  const drafts = new Set<Draft>();
  for (const item of parsed) if (item.draft) drafts.add(item.draft);
  if (drafts.size === 0) return parsed.map((item) => item.report);
  const pool = await AjvPool.create(drafts, options.strict);
  pool.resolveMissing = (url) => readMissingSchema(url, options.cwd);
  pool.describeUrl = (url) =>
    url.startsWith('file:') ? relative(options.cwd, fileURLToPath(url)) || url : url;
  // Meta-schema checks first, before any document is added (adding one checks it again, and throws).
  const valid: Parsed[] = [];
  for (const item of parsed) {
    if (item.api) {
      const errors = payloadSchemaErrors(item.report.file, item.api, pool);
      if (errors.length === 0) valid.push(item);
      else {
        item.report = {
          ...item.report,
          status: 'invalid',
          errors: errors.map((error) => ({
            pointer: error.pointer,
            message: `${error.label}: ${error.message}`,
            keyword: error.keyword,
            line: error.line,
            column: error.column,
          })),
          errorCount: errors.length,
        };
      }
      continue;
    }
    if (!item.document || !item.draft) continue;
    const errors = toValidationErrors(pool.metaSchemaErrors(item.document.schema, item.draft));
    if (errors.length === 0) {
      valid.push(item);
      continue;
    }
    const offsets = locateErrors(item.text, errors);
    const position = createLineIndex(item.text);
    item.report = {
      ...item.report,
      status: 'invalid',
      errors: errors
        .map((error, index) => ({
          pointer: error.pointer,
          message: error.message,
          keyword: error.keyword,
          ...position(offsets[index]!),
        }))
        .sort((a, b) => a.line - b.line || a.column - b.column),
      errorCount: errors.length,
    };
  }
  for (const item of valid) {
    if (item.api) {
      const { api } = item;
      try {
        addApiDocument(pool, api);
        for (const operation of api.operations) {
          pool.validator(
            operationRef(api, operation),
            api.draft,
            true,
            `${item.report.file} ${operation.label}`,
          );
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        item.report = invalid(item.report, 'compile', withoutBrokenPrefix(error.message));
      }
      continue;
    }
    const document = item.document!;
    try {
      pool.add(document);
      // All errors, the instance the meta-schema checks created: no other instance is needed.
      pool.validator(document.key, item.draft!, true, document.source);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      item.report = invalid(item.report, 'compile', brokenReason(error, document.source));
    }
  }
  return parsed.map((item) => item.report);
}

function parseSchemaText(file: string, absolute: string, text: string): Parsed {
  const result = parseJson(text);
  if (!result.ok) {
    return {
      report: {
        file,
        status: 'error',
        errors: [
          {
            pointer: '',
            keyword: 'parse',
            message: result.message,
            line: result.line,
            column: result.column,
          },
        ],
        errorCount: 1,
      },
      text,
    };
  }
  const report: FileReport = { file, status: 'valid', errors: [], errorCount: 0 };
  let document: SchemaDocument;
  try {
    document = documentFromText(text, absolute, file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // An unknown `$schema`, or a schema that is not an object: point at `$schema` when there is one.
    const value = result.value;
    const hasSchema = typeof value === 'object' && value !== null && '$schema' in value;
    const pointer = hasSchema ? '/$schema' : '';
    const [offset] = locateErrors(text, [{ pointer, message: '', keyword: '$schema' }]);
    // The hint of an unknown draft lists the known ones; the default hint speaks of payloads.
    const hint = hasSchema && error.hint ? ` (${error.hint})` : '';
    const message = `${brokenReason(error, file)}${hint}`;
    return {
      report: {
        ...report,
        status: 'invalid',
        errors: [{ pointer, keyword: '$schema', message, ...createLineIndex(text)(offset!) }],
        errorCount: 1,
      },
      text,
    };
  }
  const draft = document.draft ?? '2020-12';
  return { report: { ...report, schema: `${draft} meta-schema` }, text, document, draft };
}

/** An OpenAPI or AsyncAPI document: read, its `$ref`s checked, its payloads found (else one error). */
async function parseApiDocument(file: string, absolute: string): Promise<Parsed> {
  const report: FileReport = { file, status: 'valid', errors: [], errorCount: 0 };
  try {
    const api = await loadApiDocument(file, absolute);
    const count = `${api.operations.length} payload${api.operations.length === 1 ? '' : 's'}`;
    return {
      report: { ...report, schema: `${describeApiKind(api.kind)} document, ${count}` },
      text: '',
      api,
      draft: api.draft,
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const message = withoutBrokenPrefix(error.message);
    // A file that is not YAML is unreadable input, as a schema file that is not JSON.
    if (message.startsWith('not valid YAML')) return { report: fileError(file, 'parse', message), text: '' };
    return { report: invalid(report, 'document', message), text: '' };
  }
}

function isApiDocumentText(text: string): boolean {
  const parsed = parseJson(text);
  return parsed.ok && isApiDocument(parsed.value);
}

/** `schema <source> is broken: <reason>` -> `<reason>` (the source may name an operation). */
function withoutBrokenPrefix(message: string): string {
  return message.replace(/^schema .+? is broken: /, '');
}

/** The reason of a `brokenSchema` error, without the `schema <file> is broken: ` it starts with. */
function brokenReason(error: InputError, source: string): string {
  const prefix = `schema ${source} is broken: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function invalid(report: FileReport, keyword: string, message: string): FileReport {
  const error: ReportedError = { pointer: '', keyword, message, line: 1, column: 1 };
  return { ...report, status: 'invalid', errors: [error], errorCount: 1 };
}

function fileError(file: string, keyword: string, message: string): FileReport {
  return {
    file,
    status: 'error',
    errors: [{ pointer: '', keyword, message, line: 1, column: 1 }],
    errorCount: 1,
  };
}
