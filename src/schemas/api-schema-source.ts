import { pathToFileURL } from 'node:url';
import type { AjvPool, Draft, SchemaDocument } from './ajv-pool.js';
import { brokenSchema, draftOf } from './ajv-pool.js';
import {
  type ApiOperation,
  DocumentWalker,
  discriminatorValues,
  isObject,
  type Path,
  toFragment,
} from './api-operations.js';
import { asyncApiOperations } from './asyncapi-source.js';
import { convertOpenApi30, openApiOperations } from './openapi-source.js';
import { type ApiDocument, type ApiKind, readApiDocument } from './read-api-document.js';
import type { SchemaChoice, SchemaSource } from './schema-sources.js';
import { toValidationErrors } from './to-validation-errors.js';

/** What an API document holds, for `validate` and `schemas show`. */
export interface LoadedApiDocument {
  kind: ApiKind;
  api: ApiDocument;
  operations: ApiOperation[];
  document: SchemaDocument;
  draft: Draft;
}

const KIND_NAMES: Record<ApiKind, string> = {
  'openapi-3.0': 'OpenAPI 3.0',
  'openapi-3.1': 'OpenAPI 3.1',
  'asyncapi-2': 'AsyncAPI 2',
  'asyncapi-3': 'AsyncAPI 3',
};

/** Annotation keywords of OpenAPI 3.1 and AsyncAPI schemas that JSON Schema does not define. */
const ANNOTATIONS = ['discriminator', 'xml', 'externalDocs', 'example'];

/**
 * Reads an OpenAPI or AsyncAPI document and finds its payloads. Every `$ref` inside it must resolve
 * (checked now, with its line:column); OpenAPI 3.0 schemas are rewritten into draft-04 (`nullable`).
 * The whole document becomes one schema document, so each payload compiles from its JSON pointer.
 */
export async function loadApiDocument(ref: string, absolute: string): Promise<LoadedApiDocument> {
  const api = await readApiDocument(absolute, ref);
  const walker = new DocumentWalker(api, ref);
  walker.checkRefs();
  const operations =
    api.kind === 'openapi-3.0' || api.kind === 'openapi-3.1'
      ? openApiOperations(walker, ref)
      : asyncApiOperations(walker, api.kind === 'asyncapi-2' ? 2 : 3, ref);
  for (const operation of operations) {
    operation.names = [...new Set([...operation.names, ...discriminatorValues(walker, operation.path)])];
  }
  let draft: Draft = api.kind.startsWith('asyncapi') ? 'draft-07' : '2020-12';
  if (api.kind === 'openapi-3.0') {
    draft = 'draft-04';
    convertOpenApi30(
      walker,
      operations.map((operation) => operation.path),
    );
  } else if (api.kind === 'openapi-3.1' && typeof api.value.jsonSchemaDialect === 'string') {
    // The OpenAPI base dialect is 2020-12; a document may name a JSON Schema draft instead.
    const dialect = api.value.jsonSchemaDialect;
    if (/json-schema\.org/.test(dialect)) draft = draftOf({ $schema: dialect }, ref) ?? draft;
  }
  // Ajv compiles the document's root too: its fields are not keywords (with --strict, they are
  // allowed by name), and a root `id` (AsyncAPI 2's) would be refused as the old draft-04 keyword.
  const { id: _id, ...root } = api.value;
  const document: SchemaDocument = {
    key: pathToFileURL(absolute).href,
    schema: root,
    draft,
    source: ref,
    // The document's root is not a schema; its payload schemas are checked when they compile.
    trusted: true,
  };
  return { kind: api.kind, api, operations, document, draft };
}

export function describeApiKind(kind: ApiKind): string {
  return KIND_NAMES[kind];
}

/** The `--schema api.yaml` source: the operation whose names include the payload's event type. */
export function apiSchemaSource(ref: string, loaded: LoadedApiDocument): SchemaSource {
  const { operations, draft } = loaded;
  const byName = new Map<string, ApiOperation>();
  for (const operation of operations) {
    for (const name of operation.names) if (!byName.has(name)) byName.set(name, operation);
  }
  const choice = (operation: ApiOperation, rule: string): SchemaChoice => ({
    name: `${ref} ${operation.label}`,
    ref: operationRef(loaded, operation),
    draft,
    rule,
  });
  const known = list(operations.map((operation) => operation.names[0] ?? operation.label));
  const count = `${operations.length} payload${operations.length === 1 ? '' : 's'}`;
  return {
    describe: () => `${ref}: ${KIND_NAMES[loaded.kind]} document, ${count} (${known})`,
    choose(event) {
      const found = event.type === undefined ? undefined : byName.get(event.type);
      if (found) return choice(found, `event type "${event.type}" from ${event.rule}`);
      if (event.rule === '--event')
        return { reason: `${ref} has no operation "${event.type}" for --event (it has ${known})` };
      if (operations.length === 1) return choice(operations[0]!, `${ref} describes one payload`);
      if (event.type === undefined)
        return { reason: `${ref} describes ${count}; name one with --event (${known})` };
      return { reason: `${ref} has no operation for event type "${event.type}" (it has ${known})` };
    },
  };
}

/** The registry's plan for an API document: its draft, the document to add, and every payload compiled now. */
export async function planApiDocument(
  ref: string,
  absolute: string,
): Promise<{ drafts: Draft[]; build(pool: AjvPool): Promise<SchemaSource>; eager(pool: AjvPool): void }> {
  const loaded = await loadApiDocument(ref, absolute);
  const source = apiSchemaSource(ref, loaded);
  return {
    drafts: [loaded.draft],
    async build(pool) {
      addApiDocument(pool, loaded);
      return source;
    },
    // A document is a handful of payloads: compiling them all now names a broken one before any file.
    eager(pool) {
      checkPayloadSchemas(ref, loaded, pool);
      for (const operation of loaded.operations) {
        pool.validator(operationRef(loaded, operation), loaded.draft, false, `${ref} ${operation.label}`);
      }
    },
  };
}

/** Adds the document to the pool, with its root fields and the OpenAPI annotations allowed as keywords. */
export function addApiDocument(pool: AjvPool, loaded: LoadedApiDocument): void {
  for (const keyword of [...ANNOTATIONS, ...Object.keys(loaded.document.schema)]) {
    if (!keyword.startsWith('$')) pool.allowKeyword(keyword);
  }
  pool.add(loaded.document);
}

/** What Ajv compiles for an operation: the document's key and the payload schema's pointer. */
export function operationRef(loaded: LoadedApiDocument, operation: ApiOperation): string {
  return `${loaded.document.key}${toFragment(operation.path)}`;
}

/** A meta-schema error in one of a document's schemas, placed in the document. */
export interface PayloadSchemaError {
  /** `webhook invoice.paid`, `components/schemas/Money`. */
  label: string;
  /** JSON pointer into the document. */
  pointer: string;
  /** Inside that schema. */
  inside: string;
  message: string;
  keyword: string;
  line: number;
  column: number;
}

/** Each payload schema, and each schema under `components.schemas`, against the draft's meta-schema. */
export function payloadSchemaErrors(
  ref: string,
  loaded: LoadedApiDocument,
  pool: AjvPool,
): PayloadSchemaError[] {
  const schemas: Array<{ label: string; path: Path }> = loaded.operations.map(({ label, path }) => ({
    label,
    path,
  }));
  const components = loaded.api.value.components;
  if (isObject(components) && isObject(components.schemas)) {
    for (const name of Object.keys(components.schemas)) {
      schemas.push({ label: `components/schemas/${name}`, path: ['components', 'schemas', name] });
    }
  }
  const walker = new DocumentWalker(loaded.api, ref);
  const found: PayloadSchemaError[] = [];
  for (const { label, path } of schemas) {
    const schema = walker.at(path);
    if (!isObject(schema) && typeof schema !== 'boolean') continue;
    for (const error of toValidationErrors(pool.metaSchemaErrors(schema, loaded.draft))) {
      const inside = error.pointer === '' ? [] : error.pointer.slice(1).split('/').map(unescapePointer);
      found.push({
        label,
        pointer: [...path, ...inside]
          .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
          .join(''),
        inside: error.pointer,
        message: error.message,
        keyword: error.keyword,
        ...loaded.api.position([...path, ...inside]),
      });
    }
  }
  return found;
}

/** The first meta-schema error of the document's schemas, naming the operation and its place. */
function checkPayloadSchemas(ref: string, loaded: LoadedApiDocument, pool: AjvPool): void {
  const [error] = payloadSchemaErrors(ref, loaded, pool);
  if (!error) return;
  throw brokenSchema(
    `${ref} ${error.label}`,
    `${error.inside || 'the schema'} ${error.message} (at line ${error.line} column ${error.column})`,
  );
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function list(names: string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');
}
