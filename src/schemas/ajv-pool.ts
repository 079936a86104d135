import type { Ajv as AjvCore, AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/ajv.js';
import { InputError } from '../errors.js';
import { linearRegExp } from './linear-regexp.js';

export type Draft = 'draft-04' | 'draft-07' | '2019-09' | '2020-12';
export type { ErrorObject, ValidateFunction };

/** A schema document known to the pool: added to every instance of its draft (or of all drafts). */
export interface SchemaDocument {
  /** The key it is added under: a `file:` URL, or a name like `github`. */
  key: string;
  schema: AnySchemaObject;
  /** undefined: the document has no `$schema`, so it can be referenced from any draft. */
  draft: Draft | undefined;
  /** Shown in messages about this document (a path relative to the working directory). */
  source: string;
  /** Builtins shipped with the package skip the meta-schema check. */
  trusted?: boolean;
}

interface AjvModules {
  draft04?: typeof import('ajv-draft-04').default;
  draft07?: typeof import('ajv/dist/ajv.js').Ajv;
  draft2019?: typeof import('ajv/dist/2019.js').Ajv2019;
  draft2020?: typeof import('ajv/dist/2020.js').Ajv2020;
  draft06Meta?: AnySchemaObject;
  addFormats: (ajv: AjvCore) => unknown;
}

/**
 * Recognises the draft from `$schema` (2020-12 when there is none). Draft-06 runs on the draft-07
 * validator with the draft-06 meta-schema added; draft-04 runs on the `ajv-draft-04` class; draft-03 and
 * older are not supported.
 */
export function draftOf(schema: unknown, source: string): Draft | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared === undefined) return undefined;
  if (typeof declared !== 'string') throw brokenSchema(source, '"$schema" must be a string');
  if (/json-schema\.org\/draft-04\/schema#?$/.test(declared)) return 'draft-04';
  if (/json-schema\.org\/draft-0[67]\/schema#?$/.test(declared)) return 'draft-07';
  if (/json-schema\.org\/draft\/2019-09\/schema#?$/.test(declared)) return '2019-09';
  if (/json-schema\.org\/draft\/2020-12\/schema#?$/.test(declared)) return '2020-12';
  if (/json-schema\.org\/(draft-0[0-3]|schema)/.test(declared)) {
    throw brokenSchema(source, `"$schema" ${declared} is not supported`, {
      hint: 'use draft-04, draft-06, draft-07, 2019-09 or 2020-12',
    });
  }
  throw brokenSchema(source, `unknown "$schema" ${JSON.stringify(declared)}`, {
    hint: 'use a JSON Schema draft-04, draft-06, draft-07, 2019-09 or 2020-12 meta-schema URI',
  });
}

export function brokenSchema(source: string, reason: string, options: { hint?: string } = {}): InputError {
  return new InputError(`schema ${source} is broken: ${reason}`, {
    hint: options.hint ?? 'fix the schema; no payload was judged against it',
  });
}

/**
 * Ajv instances, one per draft and error mode, created on first use. Valid payloads go through a
 * validator that stops at the first error (much faster on `oneOf` unions); only a payload that fails
 * is validated again with `allErrors` to report every error. Compiled validators are cached.
 */
export class AjvPool {
  private readonly instances = new Map<string, AjvCore>();
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Schemas that failed to compile: the same error again for every payload that needs them. */
  private readonly broken = new Map<string, InputError>();
  private readonly documents: SchemaDocument[] = [];
  private readonly keywords = new Set<string>();
  /**
   * Reads a schema that a `$ref` points at but nobody added (a sibling file of a single schema);
   * throws an `InputError` saying why when the file is there but must not be read.
   */
  resolveMissing: ((url: string) => SchemaDocument | undefined) | undefined;
  /** How a schema URL is shown in messages (file URLs as paths relative to the working directory). */
  describeUrl: (url: string) => string = (url) => url;

  private constructor(
    private readonly modules: AjvModules,
    private readonly strict: boolean,
  ) {}

  /** Loads only the Ajv builds for the drafts in use (Ajv is never loaded for other commands). */
  static async create(drafts: Iterable<Draft>, strict: boolean): Promise<AjvPool> {
    const wanted = new Set(drafts);
    const formats = await import('ajv-formats');
    const addFormats = ((formats.default as unknown as { default?: unknown }).default ??
      formats.default) as AjvModules['addFormats'];
    const modules: AjvModules = { addFormats };
    if (wanted.has('draft-07')) {
      modules.draft07 = (await import('ajv/dist/ajv.js')).Ajv;
      modules.draft06Meta = (
        await import('ajv/dist/refs/json-schema-draft-06.json', { with: { type: 'json' } })
      ).default as AnySchemaObject;
    }
    // A CommonJS module: its `module.exports` is the class, with the class again as `default`.
    if (wanted.has('draft-04')) modules.draft04 = (await import('ajv-draft-04')).default.default;
    if (wanted.has('2019-09')) modules.draft2019 = (await import('ajv/dist/2019.js')).Ajv2019;
    if (wanted.has('2020-12')) modules.draft2020 = (await import('ajv/dist/2020.js')).Ajv2020;
    return new AjvPool(modules, strict);
  }

  /** Keywords that are not JSON Schema but appear in trusted schemas (`tsAdditionalProperties`). */
  allowKeyword(keyword: string): void {
    // Ajv's getKeyword does not see a keyword added without a definition: adding it twice throws.
    if (this.keywords.has(keyword)) return;
    this.keywords.add(keyword);
    for (const ajv of this.instances.values()) if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }

  add(document: SchemaDocument): void {
    this.documents.push(document);
    for (const [id, ajv] of this.instances) {
      if (document.draft === undefined || id.startsWith(`${document.draft}:`)) this.addTo(ajv, document);
    }
  }

  /** Creates the instances for `draft` now, so that every document is checked against its meta-schema. */
  prepare(draft: Draft): void {
    this.instance(draft, false);
  }

  /** Every meta-schema error of `schema` (none when it is a valid schema of `draft`), for `schemas check`. */
  metaSchemaErrors(schema: AnySchemaObject | boolean, draft: Draft): ErrorObject[] {
    const ajv = this.instance(draft, true);
    return ajv.validateSchema(schema) ? [] : [...(ajv.errors ?? [])];
  }

  /** The validator for `ref` (a key, or a key with a `#/json/pointer`), compiled once. */
  validator(ref: string, draft: Draft, allErrors: boolean, source: string): ValidateFunction {
    const id = `${draft}:${allErrors ? 'all' : 'first'}:${ref}`;
    const cached = this.compiled.get(id);
    if (cached) return cached;
    const failed = this.broken.get(id);
    if (failed) throw failed;
    try {
      const validate = this.compile(ref, draft, allErrors, source);
      this.compiled.set(id, validate);
      return validate;
    } catch (error) {
      if (error instanceof InputError) this.broken.set(id, error);
      throw error;
    }
  }

  private compile(ref: string, draft: Draft, allErrors: boolean, source: string): ValidateFunction {
    const ajv = this.instance(draft, allErrors);
    for (;;) {
      try {
        const validate = ajv.getSchema(ref);
        if (!validate) throw brokenSchema(source, `no schema at ${ref}`);
        return validate;
      } catch (error) {
        if (error instanceof InputError) throw error;
        const missing = (error as { missingSchema?: string }).missingSchema;
        if (missing !== undefined) {
          let found: SchemaDocument | undefined;
          try {
            found = this.resolveMissing?.(missing);
          } catch (failure) {
            if (!(failure instanceof InputError)) throw failure;
            throw brokenSchema(
              source,
              `$ref ${this.describeUrl(missing)} cannot be read: ${failure.message}`,
            );
          }
          if (found && !this.documents.some((document) => document.key === found.key)) {
            this.add(found);
            continue;
          }
          const ref = (error as { missingRef?: string }).missingRef ?? missing;
          throw brokenSchema(source, `$ref ${this.describeUrl(ref)} cannot be resolved`, {
            hint: 'refer to schema files by relative path or by their $id',
          });
        }
        throw brokenSchema(source, (error as Error).message);
      }
    }
  }

  private instance(draft: Draft, allErrors: boolean): AjvCore {
    const id = `${draft}:${allErrors ? 'all' : 'first'}`;
    const existing = this.instances.get(id);
    if (existing) return existing;
    const options = {
      allErrors,
      strictSchema: this.strict,
      strictNumbers: this.strict,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      logger: false as const,
      // The same schema documents are shared by several instances; ajv must not add defaults.
      useDefaults: false,
      // Each referenced definition becomes one shared function instead of being copied into every
      // schema that uses it: GitHub's event definitions all reference the same large repository,
      // user and issue definitions, and inlining compiled them again for each (25 % less CPU
      // and 30 MB less memory over 10,000 payloads; see BENCHMARKS.md).
      inlineRefs: false,
      // `pattern` and `patternProperties` run on RE2, in linear time (see linear-regexp.ts);
      // formats stay ajv-formats' own checks.
      code: { regExp: linearRegExp },
    };
    let ajv: AjvCore;
    if (draft === 'draft-07') {
      const Ajv = this.modules.draft07!;
      ajv = new Ajv(options);
      ajv.addMetaSchema(this.modules.draft06Meta!);
    } else if (draft === 'draft-04') {
      ajv = new this.modules.draft04!(options);
    } else if (draft === '2019-09') {
      ajv = new this.modules.draft2019!(options);
    } else {
      ajv = new this.modules.draft2020!(options);
    }
    this.modules.addFormats(ajv);
    memoizeFormats(ajv);
    for (const keyword of this.keywords) ajv.addKeyword(keyword);
    this.instances.set(id, ajv);
    for (const document of this.documents) {
      if (document.draft === undefined || document.draft === draft) this.addTo(ajv, document);
    }
    return ajv;
  }

  private addTo(ajv: AjvCore, document: SchemaDocument): void {
    try {
      ajv.addSchema(document.schema, document.key, undefined, !document.trusted);
    } catch (error) {
      throw brokenSchema(document.source, (error as Error).message);
    }
  }
}

/** Format checks remembered per string value, shared by all instances (a check is a pure function). */
const formatCache = new Map<string, Map<string, boolean>>();
const FORMAT_CACHE_LIMIT = 20_000;

/**
 * ajv-formats' full-mode checks are exact but slow (the `uri` regular expression dominated the
 * profile of a 10,000-payload run); webhook payloads repeat the same URLs and dates across files,
 * so each string's verdict is remembered, in a map that is emptied when it grows too large.
 */
function memoizeFormats(ajv: AjvCore): void {
  const formats = ajv.formats as Record<string, unknown>;
  for (const [name, format] of Object.entries(formats)) {
    const check = toCheck(format);
    if (!check) continue;
    let cache = formatCache.get(name);
    if (!cache) {
      cache = new Map();
      formatCache.set(name, cache);
    }
    const remembered = cache;
    const validate = (value: string): boolean => {
      let verdict = remembered.get(value);
      if (verdict === undefined) {
        verdict = check(value);
        if (remembered.size >= FORMAT_CACHE_LIMIT) remembered.clear();
        remembered.set(value, verdict);
      }
      return verdict;
    };
    const definition = format instanceof RegExp || typeof format === 'function' ? {} : (format as object);
    ajv.addFormat(name, { ...definition, type: 'string', validate } as never);
  }
}

function toCheck(format: unknown): ((value: string) => boolean) | undefined {
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'function') return format as (value: string) => boolean;
  if (typeof format === 'object' && format !== null) {
    const { validate, type, async } = format as { validate?: unknown; type?: string; async?: boolean };
    if (async || (type !== undefined && type !== 'string')) return undefined;
    return toCheck(validate);
  }
  return undefined;
}
