import { type Document, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import { brokenSchema } from './ajv-pool.js';

/** An OpenAPI or AsyncAPI document, parsed, with where each of its values is in the file. */
export interface ApiDocument {
  value: Record<string, unknown>;
  kind: ApiKind;
  /** `line L column C` (1-based) of the value at `path` in the file, or of its deepest parent that exists. */
  locate(path: ReadonlyArray<string | number>): string;
  /** The same place as numbers. */
  position(path: ReadonlyArray<string | number>): { line: number; column: number };
}

export type ApiKind = 'openapi-3.0' | 'openapi-3.1' | 'asyncapi-2' | 'asyncapi-3';

/** YAML aliases a document may expand: enough for real documents, too few for an alias bomb. */
const MAX_ALIASES = 1000;

/**
 * Reads an OpenAPI 3.0/3.1 or AsyncAPI 2/3 document, as YAML 1.2 (which JSON is part of). A file that
 * is not valid YAML, or is not one of those documents, is a broken schema naming the line:column.
 */
export async function readApiDocument(absolute: string, source: string): Promise<ApiDocument> {
  let text: string;
  try {
    text = readNamedFile(absolute, source, DEFAULT_MAX_FILE_BYTES).toString('utf8');
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    throw new InputError(`schema ${source}: ${error.reason}`);
  }
  return apiDocumentFromText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source);
}

export function apiDocumentFromText(text: string, source: string): ApiDocument {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line} column ${col}`;
  };
  const [error] = document.errors;
  if (error) {
    throw brokenSchema(source, `not valid YAML at ${at(error.pos[0])}: ${firstLine(error.message)}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw brokenSchema(source, `not valid YAML: ${firstLine((error as Error).message)}`);
  }
  const kind = kindOf(value, source);
  return {
    value: value as Record<string, unknown>,
    kind,
    locate: (path) => at(rangeOf(document, path)),
    position: (path) => {
      const { line, col } = lines.linePos(rangeOf(document, path));
      return { line, column: col };
    },
  };
}

function kindOf(value: unknown, source: string): ApiKind {
  const root = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const { openapi, asyncapi } = root as { openapi?: unknown; asyncapi?: unknown };
  if (typeof openapi === 'string') {
    if (/^3\.0(\.|$)/.test(openapi)) return 'openapi-3.0';
    if (/^3\.[12](\.|$)/.test(openapi)) return 'openapi-3.1';
    throw brokenSchema(source, `OpenAPI ${openapi} is not supported`, { hint: 'use OpenAPI 3.0 or 3.1' });
  }
  if (typeof asyncapi === 'string') {
    if (/^2\./.test(asyncapi)) return 'asyncapi-2';
    if (/^3\./.test(asyncapi)) return 'asyncapi-3';
    throw brokenSchema(source, `AsyncAPI ${asyncapi} is not supported`, { hint: 'use AsyncAPI 2.x or 3.x' });
  }
  throw brokenSchema(source, 'not an OpenAPI or AsyncAPI document (no "openapi" or "asyncapi" field)', {
    hint: 'a .yaml --schema must be an OpenAPI 3.0/3.1 or AsyncAPI 2/3 document',
  });
}

function rangeOf(document: Document, path: ReadonlyArray<string | number>): number {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = document.getIn(path.slice(0, length), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
