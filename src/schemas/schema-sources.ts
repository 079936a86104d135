import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { parseJson } from '../validate/parse-json.js';
import { brokenSchema, type Draft, draftOf, type SchemaDocument } from './ajv-pool.js';
import { type GithubSchema, githubDefinitionName, githubEvents } from './builtin-schemas.js';
import type { EventType } from './types.js';
import { sha256 } from './validator-cache.js';

/** The schema picked for one payload. */
export interface SchemaChoice {
  /** Shown in reports: `schemas/invoice.paid.schema.json`, `github:issues$opened`, `stripe`. */
  name: string;
  /** What Ajv compiles: a document key, or a key with a JSON pointer. */
  ref: string;
  draft: Draft;
  /** Why this schema: for `--verbose`. */
  rule: string;
}

/** One `--schema` argument. */
export interface SchemaSource {
  describe(): string;
  /** True when `choose` never looks at the event type (one schema for every payload). */
  ignoresEventType?: boolean;
  choose(event: EventType, body: unknown): SchemaChoice | { reason: string };
}

/**
 * Reads a schema file as JSON; a file that cannot be read (not a regular file, larger than
 * `maxBytes`) or parsed is a broken schema.
 */
export function readSchemaDocument(absolute: string, source: string, maxBytes: number): SchemaDocument {
  let text: string;
  try {
    text = readNamedFile(absolute, source, maxBytes).toString('utf8');
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    throw new InputError(`schema ${source} cannot be read: ${error.reason.replace(/^cannot read: /, '')}`);
  }
  return documentFromText(text, absolute, source);
}

export function documentFromText(text: string, absolute: string, source: string): SchemaDocument {
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) {
    throw brokenSchema(
      source,
      `not valid JSON at line ${parsed.line} column ${parsed.column}: ${parsed.message}`,
    );
  }
  const schema = parsed.value;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    if (typeof schema !== 'boolean') throw brokenSchema(source, 'a schema must be a JSON object or boolean');
  }
  return {
    key: pathToFileURL(absolute).href,
    schema: schema as SchemaDocument['schema'],
    draft: draftOf(schema, source),
    source,
    fingerprint: `sha256:${sha256(text)}`,
  };
}

/** A single schema (a file or an envelope builtin): used for every payload. */
export function singleSchemaSource(document: SchemaDocument, name: string, label: string): SchemaSource {
  const choice: SchemaChoice = {
    name,
    ref: document.key,
    draft: document.draft ?? '2020-12',
    rule: `--schema ${name} applies to every payload`,
  };
  return {
    describe: () => `${name}: ${label}`,
    ignoresEventType: true,
    choose: () => choice,
  };
}

const EVENT_FILE = '.schema.json';

/**
 * A directory: every `.json` file in it (recursively) is added so that `$ref`s between files resolve
 * by relative path and by `$id`; files named `<event-type>.schema.json` are the schemas for that
 * event type (`issues.opened` falls back to `issues.schema.json`).
 */
export async function directorySchemaSource(
  ref: string,
  absolute: string,
  maxBytes: number,
): Promise<{ source: SchemaSource; documents: SchemaDocument[] }> {
  const documents: SchemaDocument[] = [];
  const events = new Map<string, SchemaDocument>();
  const byName = new Map<string, SchemaDocument[]>();
  const files = await listJsonFiles(absolute, ref);
  for (const file of files) {
    const inside = relative(absolute, file).split(sep).join('/');
    const document = readSchemaDocument(file, join(ref, inside), maxBytes);
    documents.push(document);
    if (!inside.endsWith(EVENT_FILE) || inside.length === EVENT_FILE.length) continue;
    // `orders/create.schema.json` is the schema of Shopify's `orders/create`; a file in a sub-directory
    // also answers to its own name (`github/issues.opened.schema.json` → `issues.opened`) when unique.
    events.set(inside.slice(0, -EVENT_FILE.length), document);
    const name = inside.slice(inside.lastIndexOf('/') + 1, -EVENT_FILE.length);
    byName.set(name, [...(byName.get(name) ?? []), document]);
  }
  for (const [name, found] of byName) {
    if (found.length === 1 && !events.has(name)) events.set(name, found[0]!);
  }
  const names = [...events.keys()].sort();
  if (names.length === 0) {
    throw new InputError(`schema directory ${ref} has no <event-type>.schema.json file`, {
      hint: 'name schemas after the event they describe, e.g. invoice.paid.schema.json',
    });
  }
  const source: SchemaSource = {
    describe: () => `${ref}: ${names.length} event schema${names.length === 1 ? '' : 's'} (${list(names)})`,
    choose(event) {
      if (event.type === undefined) return { reason: `${ref} has schemas per event type` };
      for (let type = event.type; type !== ''; type = type.slice(0, Math.max(0, type.lastIndexOf('.')))) {
        const document = events.get(type);
        if (document) {
          return {
            name: document.source,
            ref: document.key,
            draft: document.draft ?? '2020-12',
            rule: `event type "${event.type}" from ${event.rule}`,
          };
        }
        if (!type.includes('.')) break;
      }
      return { reason: `${ref} has no ${event.type}${EVENT_FILE} (it has ${list(names)})` };
    },
  };
  return { source, documents };
}

/** The `github` builtin: the `<event>$<action>` definition of `@octokit/webhooks-schemas`. */
export function githubSchemaSource(schema: GithubSchema, version: string): SchemaSource {
  const eventCount = githubEvents(schema).size;
  return {
    describe: () =>
      `github-community: ${eventCount} GitHub webhook events (@octokit/webhooks-schemas ${version}), definition chosen per event and action`,
    choose(event, body) {
      if (event.type === undefined) {
        return {
          reason: 'with --schema github, name the event: --event issues, or a capture with X-GitHub-Event',
        };
      }
      const found = githubDefinitionName(schema, event.type, body);
      if ('reason' in found) return found;
      const actionFromBody = !event.type.includes('.') && !found.name.endsWith('$event');
      return {
        name: `github:${found.name}`,
        ref: `github#/definitions/${found.name}`,
        draft: 'draft-07',
        rule: `event "${event.type}" from ${event.rule}${actionFromBody ? ' + body "action"' : ''}`,
      };
    },
  };
}

async function listJsonFiles(dir: string, shown: string, seen = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  if (seen.has(real)) return [];
  seen.add(real);
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(
      `schema directory ${shown} cannot be read: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink())
      isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
    if (isDirectory) files.push(...(await listJsonFiles(path, shown, seen)));
    else if (entry.name.endsWith('.json')) files.push(path);
  }
  return files;
}

function list(names: string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');
}
