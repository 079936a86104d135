import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import { AjvPool, type Draft, type SchemaDocument, type ValidateFunction } from './ajv-pool.js';
import { isApiDocument } from './api-operations.js';
import { BUILTIN_SCHEMAS, builtinSchemaPath, findBuiltin, loadGithubSchema } from './builtin-schemas.js';
import {
  directorySchemaSource,
  documentFromText,
  githubSchemaSource,
  readSchemaDocument,
  type SchemaChoice,
  type SchemaSource,
  singleSchemaSource,
} from './schema-sources.js';
import { toValidationErrors } from './to-validation-errors.js';
import type { EventType, PayloadContext, SchemaRegistry, ValidationOutcome } from './types.js';
import type { ValidatorCache } from './validator-cache.js';

export interface LoadSchemaRegistryOptions {
  cwd: string;
  /** Unknown keywords and formats are errors (Ajv strict mode) instead of being ignored. */
  strict?: boolean;
  /** The largest schema file read (`--max-file-size`); default 100 MB. */
  maxFileBytes?: number;
  /** Compiled validators kept between runs (validate's `--cache-dir`); none without it. */
  cache?: ValidatorCache;
}

/**
 * Builds the registry from `--schema` references: a builtin name (`github`, `stripe`, ...), a schema
 * file, or a directory of `<event-type>.schema.json` files. Every file is read and checked against
 * its meta-schema now (a broken or unreadable schema is an `InputError` naming the file); each schema
 * is compiled once, on first use. Single schema files are compiled now, since every payload needs them.
 */
export async function loadSchemaRegistry(
  refs: string[],
  options: LoadSchemaRegistryOptions,
): Promise<SchemaRegistry> {
  if (refs.length === 0) {
    throw new InputError('no schema given', {
      hint: 'pass --schema <file|directory|builtin>; see webhook-cli schemas',
    });
  }
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const unique = uniqueRefs(refs, options.cwd);
  const planned = await Promise.all(unique.map((ref) => plan(ref, options.cwd, maxBytes, options.cache)));
  const drafts = new Set<Draft>();
  for (const item of planned) for (const draft of item.drafts) drafts.add(draft);
  const pool = await AjvPool.create(drafts, options.strict ?? false, options.cache);
  pool.resolveMissing = (url) => readMissingSchema(url, options.cwd, maxBytes);
  pool.describeUrl = (url) =>
    url.startsWith('file:') ? relative(options.cwd, fileURLToPath(url)) || url : url;
  const sources: SchemaSource[] = [];
  for (const item of planned) sources.push(await item.build(pool));
  // Meta-schema checks of every document happen when the instances are created: do it now.
  for (const draft of drafts) pool.prepare(draft);
  for (const item of planned) item.eager?.(pool);
  // The provider registry (which names the headers that carry event types) loads only when a
  // --schema chooses by event type: one schema file for every payload starts faster without it.
  const detect = sources.every((source) => source.ignoresEventType)
    ? (): EventType => ({ type: undefined, rule: 'none' })
    : (await import('./detect-event.js')).detectEventType;
  return createRegistry(sources, pool, detect);
}

/**
 * Each schema once: `--schema github --schema github`, or one file named two ways, would otherwise
 * add the same schema to Ajv twice. A bare name (a builtin) is its own key; a path is resolved.
 */
function uniqueRefs(refs: readonly string[], cwd: string): string[] {
  const byKey = new Map<string, string>();
  for (const ref of refs) {
    const key = /[./\\]/.test(ref) ? resolve(cwd, ref) : ref;
    if (!byKey.has(key)) byKey.set(key, ref);
  }
  return [...byKey.values()];
}

interface Planned {
  /** Drafts this reference needs; directories need every draft their files name. */
  drafts: Draft[];
  build(pool: AjvPool): Promise<SchemaSource>;
  eager?: (pool: AjvPool) => void;
}

async function plan(ref: string, cwd: string, maxBytes: number, cache?: ValidatorCache): Promise<Planned> {
  if (ref === 'github') return (await import('./github-openapi.js')).planGithubOpenApi(cache);
  if (ref === 'github-community') {
    const schema = await loadGithubSchema();
    return {
      drafts: ['draft-07'],
      async build(pool) {
        pool.allowKeyword('tsAdditionalProperties');
        pool.add({
          key: 'github',
          // Only the definitions: compiling the root's `oneOf` of every event would take seconds.
          schema: { $schema: schema.$schema, definitions: schema.definitions },
          draft: 'draft-07',
          source: 'github (@octokit/webhooks-schemas)',
          trusted: true,
          fingerprint: `@octokit/webhooks-schemas@${schema.version}`,
        });
        return githubSchemaSource(schema, schema.version);
      },
    };
  }
  const builtin = findBuiltin(ref);
  if (builtin) {
    const document = { ...readSchemaDocument(builtinSchemaPath(ref), ref, maxBytes), trusted: true };
    return singlePlan(document, ref, builtin.description);
  }
  const absolute = resolve(cwd, ref);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(absolute)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !/[/\\.]/.test(ref)) {
      throw new InputError(`unknown schema "${ref}": not a builtin and no such file`, {
        hint: `builtins: ${BUILTIN_SCHEMAS.map((item) => item.name).join(', ')}; or give a .json file or a directory`,
      });
    }
    throw new InputError(
      `schema ${ref} cannot be read: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code}`,
    );
  }
  if (isDirectory) {
    // The documents are read while planning so that their drafts are known before Ajv loads.
    const { source, documents } = await directorySchemaSource(ref, absolute, maxBytes);
    const drafts = new Set<Draft>(documents.map((document) => document.draft ?? '2020-12'));
    return {
      drafts: [...drafts],
      async build(pool) {
        for (const document of documents) pool.add(document);
        return source;
      },
    };
  }
  // OpenAPI and AsyncAPI documents (and the YAML parser) load only when one is named.
  const api = async () => (await import('./api-schema-source.js')).planApiDocument(ref, absolute);
  if (/\.ya?ml$/i.test(ref)) return api();
  const document = readSchemaDocument(absolute, ref, maxBytes);
  if (isApiDocument(document.schema)) return api();
  return singlePlan(document, ref, 'applies to every payload');
}

function singlePlan(document: SchemaDocument, name: string, label: string): Planned {
  const source = singleSchemaSource(document, name, label);
  const draft = document.draft ?? '2020-12';
  return {
    drafts: [draft],
    async build(pool) {
      pool.add(document);
      return source;
    },
    eager(pool) {
      pool.validator(document.key, draft, false, document.source);
    },
  };
}

/**
 * A `$ref` to a `file:` URL that no `--schema` named: read the sibling file from disk. A file that
 * does not exist resolves to nothing (reported as a `$ref` that cannot be resolved); one that is
 * not a regular file (`file:///dev/zero`, a FIFO) or too large is a broken schema, never read.
 */
export function readMissingSchema(
  url: string,
  cwd: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): SchemaDocument | undefined {
  if (!url.startsWith('file:')) return undefined;
  const absolute = fileURLToPath(url);
  const shown = relative(cwd, absolute) || absolute;
  let text: string;
  try {
    text = readNamedFile(absolute, shown, maxBytes).toString('utf8');
  } catch (error) {
    if (!(error instanceof NamedFileError) || error.reason.startsWith('cannot read:')) return undefined;
    throw new InputError(error.reason);
  }
  return documentFromText(text, absolute, shown);
}

function createRegistry(
  sources: SchemaSource[],
  pool: AjvPool,
  detectEventType: (context: PayloadContext) => EventType,
): SchemaRegistry {
  return {
    describe: () => sources.map((source) => source.describe()),
    saveCache: () => pool.saveCache(),
    validate(context: PayloadContext, options = {}): ValidationOutcome {
      const event = options.event ?? detectEventType(context);
      const reasons: string[] = [];
      let choice: SchemaChoice | undefined;
      for (const source of sources) {
        const found = source.choose(event, context.body);
        if ('reason' in found) reasons.push(found.reason);
        else {
          choice = found;
          break;
        }
      }
      if (!choice) return { status: 'no-schema', message: noSchemaMessage(event, reasons) };
      const { name: schema, rule } = choice;
      // Compiling can find the schema broken; running it can exhaust the stack on a deep payload.
      const run = (allErrors: boolean): ValidationOutcome | ValidateFunction => {
        let validate: ValidateFunction;
        try {
          validate = pool.validator(choice.ref, choice.draft, allErrors, schema);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          const message = `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
          return { status: 'broken-schema', schema, rule, message };
        }
        try {
          return validate(context.body) ? { status: 'valid', schema, rule } : validate;
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          const message = 'the payload is nested too deeply to check against this schema';
          return { status: 'unchecked', schema, rule, message };
        }
      };
      const first = run(false);
      if (typeof first !== 'function') return first;
      const all = run(true);
      if (typeof all !== 'function') return all;
      const errors = toValidationErrors(all.errors ?? []);
      const maxErrors = options.maxErrors ?? Number.POSITIVE_INFINITY;
      return {
        status: 'invalid',
        schema,
        rule,
        errors: errors.slice(0, maxErrors),
        errorCount: errors.length,
      };
    },
  };
}

function noSchemaMessage(event: { type?: string; rule: string }, reasons: string[]): string {
  const found =
    event.type === undefined
      ? 'no event type found (no --event, no X-GitHub-Event, ce-type or X-Shopify-Topic header, no "type", "event", "event_type" or "topic" field)'
      : `event type "${event.type}" (from ${event.rule})`;
  const why = reasons.join('; ');
  const hint = why.includes('--event')
    ? ''
    : '; name the event with --event <type> or add a --schema that covers it';
  return `no schema chosen: ${found}; ${why}${hint}`;
}
