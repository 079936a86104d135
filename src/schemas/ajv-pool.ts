import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import type { Ajv as AjvCore, AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/ajv.js';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import { linearRegExp } from './linear-regexp.js';
import { sha256, type ValidatorCache } from './validator-cache.js';

const require = createRequire(import.meta.url);

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
  /**
   * What identifies the document's content in the validator cache: the hash of a file's text, or a
   * package and its version (`@octokit/openapi-webhooks@12.1.0`). Without one, the hash of the schema.
   */
  fingerprint?: string;
  /**
   * Called before a ref into this document (`key#/pointer`) is compiled, to add what it points at:
   * a document whose entries are added on first use (`--schema github`) has them when a validator
   * read from the cache is compiled again to be saved with others.
   */
  beforeCompile?: (pointer: string) => void;
}

type AjvClass = new (options: object) => AjvCore;

/** The validators of one draft and error mode in the validator cache: one entry, one module. */
interface Bundle {
  /** Fixed when the entry is first needed in a run. */
  key: string;
  /** The entry's validators by ref; undefined when there was no usable entry. */
  loaded: Record<string, ValidateFunction> | undefined;
  /** The entry's code (which the engine keeps anyway, as the source of the validators). */
  code: string | undefined;
  /** The refs the entry holds. */
  saved: Set<string>;
  /** Refs compiled in this run that the entry does not hold yet. */
  unsaved: Set<string>;
  /** How many documents the pool held when the key was made. */
  documentCount: number;
  /**
   * The script `code` ran as, while V8's code cache of it is still to be written (the entry was
   * loaded without one that fits); undefined otherwise.
   */
  uncachedScript: Script | undefined;
}

/**
 * The Ajv build for `draft`, loaded on first use: a run whose validators all come from the cache
 * never loads Ajv (about 40 ms of a cold start).
 */
function ajvClass(draft: Draft): AjvClass {
  if (draft === 'draft-07') return (require('ajv/dist/ajv.js') as typeof import('ajv/dist/ajv.js')).Ajv;
  // A CommonJS module: its `module.exports` is the class.
  if (draft === 'draft-04') return require('ajv-draft-04') as AjvClass;
  if (draft === '2019-09') return (require('ajv/dist/2019.js') as typeof import('ajv/dist/2019.js')).Ajv2019;
  return (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
}

/** What a cached validator depends on besides its schemas: the versions of the code that compiled it. */
let versions: string[] | undefined;
function compilerVersions(): string[] {
  versions ??= ['ajv', 'ajv-draft-04', 'ajv-formats']
    .map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`)
    .concat(`webhook-cli@${VERSION}`);
  return versions;
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

/** How a standalone validator calls the schemas' pattern engine (see linear-regexp.ts). */
const patternEngine = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
  code: 'linearRegExp',
});

export interface AjvPoolOptions {
  strict: boolean;
  /** Compiled validators kept between runs; undefined with `--no-cache` (or no cache directory). */
  cache?: ValidatorCache;
}

/**
 * Ajv instances, one per draft and error mode, created on first use. Valid payloads go through a
 * validator that stops at the first error (much faster on `oneOf` unions); only a payload that fails
 * is validated again with `allErrors` to report every error. Compiled validators are kept for the
 * run, and in the validator cache for the next runs: a validator found there is loaded without Ajv.
 */
export class AjvPool {
  private readonly instances = new Map<string, AjvCore>();
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Schemas that failed to compile: the same error again for every payload that needs them. */
  private readonly broken = new Map<string, InputError>();
  private readonly documents: SchemaDocument[] = [];
  private readonly keywords = new Set<string>();
  private readonly fingerprints = new Map<SchemaDocument, string>();
  private readonly bundles = new Map<string, Bundle>();
  /**
   * Reads a schema that a `$ref` points at but nobody added (a sibling file of a single schema);
   * throws an `InputError` saying why when the file is there but must not be read.
   */
  resolveMissing: ((url: string) => SchemaDocument | undefined) | undefined;
  /** How a schema URL is shown in messages (file URLs as paths relative to the working directory). */
  describeUrl: (url: string) => string = (url) => url;
  private readonly strict: boolean;
  readonly cache: ValidatorCache | undefined;

  constructor(options: AjvPoolOptions) {
    this.strict = options.strict;
    this.cache = options.cache;
  }

  /** Ajv itself loads on first use, for the draft in use (never for other commands). */
  static async create(_drafts: Iterable<Draft>, strict: boolean, cache?: ValidatorCache): Promise<AjvPool> {
    return new AjvPool(cache ? { strict, cache } : { strict });
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

  /**
   * Creates the instances for `draft` now, so that every document is checked against its meta-schema.
   * A set of documents that passed once is remembered in the cache, and not checked again.
   */
  prepare(draft: Draft): void {
    const key = this.cache && this.entryKey('(meta-schema check)', draft, false);
    if (key !== undefined && this.cache?.read(key) !== undefined) return;
    this.instance(draft, false);
    if (key !== undefined) this.cache?.write(key, '');
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
    const bundle = this.cache && this.bundle(draft, allErrors);
    const loaded = bundle?.loaded?.[ref];
    if (loaded) {
      this.cache!.stats.loaded += 1;
      this.compiled.set(id, loaded);
      return loaded;
    }
    try {
      const validate = this.compile(ref, draft, allErrors, source);
      this.compiled.set(id, validate);
      if (bundle) {
        this.cache!.stats.compiled += 1;
        bundle.unsaved.add(ref);
      }
      return validate;
    } catch (error) {
      if (error instanceof InputError) this.broken.set(id, error);
      throw error;
    }
  }

  /**
   * Writes the validators compiled since the cache entry of their draft and error mode was read:
   * one module per entry, holding every validator of the entry (those it already had, and those
   * another run wrote to it meanwhile, compiled again here). A module of several validators defines
   * each subschema function they share once, where one module per validator repeated them all
   * (GitHub's webhooks share their large repository, user and issue definitions): the JIT then warms
   * one copy, and memory holds one (in a 10,000-payload run, the validators ran several times
   * slower from separate modules than compiled in the process).
   */
  saveCache(): void {
    if (!this.cache) return;
    for (const bundle of this.bundles.values()) {
      // V8's code cache of an entry, made once its validators have run (so it holds their compiled
      // bytecode too), spares the next run compiling 1.5 MB of GitHub's validators (about 30 ms a
      // module of them, see BENCHMARKS.md).
      if (bundle.uncachedScript && bundle.code !== undefined && bundle.unsaved.size === 0) {
        this.cache.writeCodeCache(bundle.key, bundle.code, bundle.uncachedScript.createCachedData());
        bundle.uncachedScript = undefined;
      }
    }
    for (const [id, bundle] of this.bundles) {
      // A compile that had to read a file no --schema named (a sibling `$ref`) depends on a
      // document the key does not cover: such validators are compiled on every run.
      if (bundle.unsaved.size === 0 || this.documents.length !== bundle.documentCount) continue;
      const [draft, mode] = id.split(':') as [Draft, string];
      const refs = new Set([...bundle.saved, ...bundle.unsaved]);
      // Another run may have written the entry since it was read: keep what it added.
      const onDisk = this.cache.read(bundle.key, false);
      const current =
        onDisk === undefined || onDisk === bundle.code ? undefined : loadStandaloneModule(onDisk);
      for (const ref of Object.keys(current ?? {})) refs.add(ref);
      const ajv = this.instance(draft, mode === 'all');
      const exported: Record<string, string> = {};
      for (const ref of refs) {
        try {
          this.compile(ref, draft, mode === 'all', ref);
          exported[ref] = ref;
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }
      if (this.documents.length !== bundle.documentCount) continue;
      bundle.code = standaloneCode(ajv, exported);
      // Its code cache is made by the next run that loads it.
      bundle.uncachedScript = undefined;
      this.cache.write(bundle.key, bundle.code);
      bundle.saved = new Set(Object.keys(exported));
      bundle.unsaved.clear();
    }
  }

  /** The cache entry of a draft and error mode, read once per run. */
  private bundle(draft: Draft, allErrors: boolean): Bundle {
    const id = `${draft}:${allErrors ? 'all' : 'first'}`;
    let bundle = this.bundles.get(id);
    if (!bundle) {
      const key = this.entryKey('(validators)', draft, allErrors);
      const code = this.cache!.read(key);
      const run = code === undefined ? undefined : runStandalone(code, this.cache!.readCodeCache(key, code));
      const loaded = validatorsOf(run?.exports);
      if (code !== undefined && !loaded) this.cache!.stats.rebuilt += 1;
      bundle = {
        key,
        loaded,
        code,
        saved: new Set(Object.keys(loaded ?? {})),
        unsaved: new Set(),
        documentCount: this.documents.length,
        uncachedScript: loaded && !run?.usedCodeCache ? run?.script : undefined,
      };
      this.bundles.set(id, bundle);
    }
    return bundle;
  }

  /** Everything a compiled validator depends on, for the cache: if any of it changes, so does the key. */
  private entryKey(ref: string, draft: Draft, allErrors: boolean): string {
    const documents = this.documents
      .filter((document) => document.draft === undefined || document.draft === draft)
      .map((document) => [document.key, this.fingerprint(document), document.trusted === true]);
    return JSON.stringify({
      compiler: compilerVersions(),
      draft,
      allErrors,
      strict: this.strict,
      keywords: [...this.keywords].sort(),
      documents,
      ref,
    });
  }

  private fingerprint(document: SchemaDocument): string {
    let found = this.fingerprints.get(document);
    if (found === undefined) {
      found = document.fingerprint ?? `sha256:${sha256(JSON.stringify(document.schema))}`;
      this.fingerprints.set(document, found);
    }
    return found;
  }

  private compile(ref: string, draft: Draft, allErrors: boolean, source: string): ValidateFunction {
    const ajv = this.instance(draft, allErrors);
    const hash = ref.indexOf('#');
    const key = hash === -1 ? ref : ref.slice(0, hash);
    this.documents.find((document) => document.key === key)?.beforeCompile?.(ref.slice(key.length + 1));
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
    const { _ } =
      require('ajv/dist/compile/codegen/index.js') as typeof import('ajv/dist/compile/codegen/index.js');
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
      code: {
        // `pattern` and `patternProperties` run on RE2, in linear time (see linear-regexp.ts),
        // and so do they in standalone code (loadStandalone passes the same `linearRegExp`);
        // formats stay ajv-formats' own checks, remembered per value (memoizedFormats).
        regExp: patternEngine,
        formats: _`formats`,
        // The generated code is kept only when it is to be written to the validator cache.
        source: this.cache !== undefined,
      },
    };
    const Ajv = ajvClass(draft);
    const ajv = new Ajv(options);
    if (draft === 'draft-07') {
      ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject);
    }
    const formats = require('ajv-formats') as { default: (ajv: AjvCore) => unknown };
    formats.default(ajv);
    for (const [name, format] of Object.entries(memoizedFormats())) {
      if (format !== (ajv.formats as Record<string, unknown>)[name]) ajv.addFormat(name, format as never);
    }
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

/** Ajv's standalone code of several compiled validators: a CommonJS module exporting each by name. */
function standaloneCode(ajv: AjvCore, refs: Record<string, string>): string {
  const generate = require('ajv/dist/standalone/index.js') as {
    default: (ajv: AjvCore, refs: Record<string, string>) => string;
  };
  return generate.default(ajv, refs);
}

/** The modules standalone code may `require`: Ajv's small runtime helpers, nothing else. */
const RUNTIME_MODULE = /^ajv\/dist\/runtime\/[a-z0-9_]+$/;

function runtimeRequire(id: string): unknown {
  if (!RUNTIME_MODULE.test(id)) throw new Error(`a cached validator asked for ${id}`);
  return require(id);
}

/** Cached validator code as it ran: what it exports, and the script V8 compiled it as. */
interface StandaloneRun {
  exports: unknown;
  script: Script;
  /** True when V8 took the code cache it was given instead of compiling. */
  usedCodeCache: boolean;
}

/**
 * Runs cached validator code: with `linearRegExp` for its patterns and the same remembered format
 * checks as a compiled validator, compiled from V8's `codeCache` of it when given one that fits.
 * Undefined when the code fails.
 */
function runStandalone(code: string, codeCache?: Buffer): StandaloneRun | undefined {
  const module: { exports: unknown } = { exports: {} };
  try {
    const script = new Script(`(function (require, module, exports, linearRegExp, formats) {${code}\n})`, {
      filename: 'webhook-cli-cached-validators.js',
      ...(codeCache ? { cachedData: codeCache } : {}),
    });
    (script.runInThisContext() as (...args: unknown[]) => void)(
      runtimeRequire,
      module,
      module.exports,
      linearRegExp,
      // ajv-formats loads only for a validator that checks a format.
      /\bformats\b/.test(code) ? memoizedFormats() : {},
    );
    return {
      exports: module.exports,
      script,
      usedCodeCache: codeCache !== undefined && !script.cachedDataRejected,
    };
  } catch {
    return undefined;
  }
}

/** A cached module of one validator; undefined when the code does not define one. */
export function loadStandalone(code: string): ValidateFunction | undefined {
  const exported = runStandalone(code)?.exports;
  return typeof exported === 'function' ? (exported as ValidateFunction) : undefined;
}

/**
 * A cached module of validators by name (see AjvPool.saveCache); undefined when the code does not
 * define one, or exports anything but validators.
 */
export function loadStandaloneModule(code: string): Record<string, ValidateFunction> | undefined {
  return validatorsOf(runStandalone(code)?.exports);
}

function validatorsOf(exported: unknown): Record<string, ValidateFunction> | undefined {
  if (typeof exported !== 'object' || exported === null) return undefined;
  const validators: Record<string, ValidateFunction> = Object.create(null);
  for (const [name, value] of Object.entries(exported)) {
    if (typeof value !== 'function') return undefined;
    validators[name] = value as ValidateFunction;
  }
  return validators;
}

/** Format checks remembered per string value, shared by all instances (a check is a pure function). */
const FORMAT_CACHE_LIMIT = 20_000;
/** Longer values are checked each time: the memo holds at most FORMAT_CACHE_LIMIT short strings. */
const FORMAT_CACHE_LONGEST = 512;
const FORMAT_BUCKETS = 4096;
/** Values per bucket: a payload of many values that fall in one bucket cannot make lookups slow. */
const FORMAT_BUCKET_SIZE = 8;
let formatDefinitions: Record<string, unknown> | undefined;

/**
 * `check` with its verdicts remembered per value. Not a Map: V8 hashes every character of a string
 * the first time it is used as a key, and each payload's strings are new ones (JSON.parse), so a
 * Map lookup cost more than the rest of the validation (13 of 14 µs per GitHub issues payload,
 * #18). A value's bucket comes from its length and three of its characters; the bucket's values are
 * compared with `===`, so a verdict is only ever reused for the same string.
 */
export function rememberVerdicts(check: (value: string) => boolean): (value: string) => boolean {
  let buckets: Array<Array<string | boolean> | undefined> = new Array(FORMAT_BUCKETS);
  let size = 0;
  return (value) => {
    const length = value.length;
    if (length > FORMAT_CACHE_LONGEST) return check(value);
    const at =
      length === 0
        ? 0
        : (length * 7919 +
            value.charCodeAt(length - 1) * 31 +
            value.charCodeAt(length >> 1) * 131 +
            value.charCodeAt(length >> 2) * 17) &
          (FORMAT_BUCKETS - 1);
    let bucket = buckets[at];
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === value) return bucket[i + 1] as boolean;
    }
    const verdict = check(value);
    if (size >= FORMAT_CACHE_LIMIT) {
      buckets = new Array(FORMAT_BUCKETS);
      size = 0;
      bucket = undefined;
    }
    if (bucket === undefined) {
      bucket = [];
      buckets[at] = bucket;
    } else if (bucket.length >= FORMAT_BUCKET_SIZE * 2) {
      size -= 1;
      bucket.splice(0, 2);
    }
    bucket.push(value, verdict);
    size += 1;
    return verdict;
  };
}

/**
 * ajv-formats' full-mode formats, with each string check's verdicts remembered: its checks are exact
 * but slow (the `uri` regular expression dominated the profile of a 10,000-payload run), and webhook
 * payloads repeat the same URLs and dates across files. The same object serves compiled and cached
 * validators (standalone code reads `formats[name]`).
 */
function memoizedFormats(): Record<string, unknown> {
  if (formatDefinitions) return formatDefinitions;
  const { fullFormats } = require('ajv-formats/dist/formats.js') as { fullFormats: Record<string, unknown> };
  formatDefinitions = {};
  for (const [name, format] of Object.entries(fullFormats)) {
    const check = toCheck(format);
    if (!check) {
      formatDefinitions[name] = format;
      continue;
    }
    const definition = format instanceof RegExp || typeof format === 'function' ? {} : (format as object);
    formatDefinitions[name] = { ...definition, type: 'string', validate: rememberVerdicts(check) };
  }
  return formatDefinitions;
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
