import { brokenSchema } from './ajv-pool.js';
import type { ApiDocument } from './read-api-document.js';

export type Path = Array<string | number>;

/** One payload an API document describes: a webhook, a callback, or an AsyncAPI message. */
export interface ApiOperation {
  /** How it is named in reports: `webhook invoice.paid`, `message UserSignedUp`, ... */
  label: string;
  /** Event types it answers to: its name, operation ids, message names, discriminator values. */
  names: string[];
  /** Where its payload schema is in the document. */
  path: Path;
}

/** Follows `$ref`s inside the document; a `$ref` that goes nowhere is a broken schema with its place. */
export class DocumentWalker {
  constructor(
    private readonly api: ApiDocument,
    private readonly source: string,
  ) {}

  get root(): Record<string, unknown> {
    return this.api.value;
  }

  /** The value at `path`, after following `$ref`s, and where it really is. */
  resolve(value: unknown, path: Path): { value: unknown; path: Path } {
    for (let hops = 0; hops < 32; hops += 1) {
      const ref = isObject(value) ? value.$ref : undefined;
      if (typeof ref !== 'string') return { value, path };
      const target = this.pointerPath(ref, [...path, '$ref']);
      if (!target) return { value, path };
      value = this.at(target);
      if (value === undefined) {
        throw brokenSchema(
          this.source,
          `$ref "${ref}" at ${this.api.locate([...path, '$ref'])} resolves nowhere in the document`,
        );
      }
      path = target;
    }
    throw brokenSchema(this.source, `$refs loop at ${this.api.locate(path)}`);
  }

  /** Every `$ref` inside the document that points into it must resolve: checked once, up front. */
  checkRefs(value: unknown = this.root, path: Path = []): void {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) this.checkRefs(item, [...path, index]);
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string') {
          const target = this.pointerPath(item, [...path, key]);
          if (target && this.at(target) === undefined) {
            throw brokenSchema(
              this.source,
              `$ref "${item}" at ${this.api.locate([...path, key])} resolves nowhere in the document`,
            );
          }
        } else this.checkRefs(item, [...path, key]);
      }
    }
  }

  at(path: Path): unknown {
    let value: unknown = this.root;
    for (const segment of path) {
      if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
      else if (isObject(value) && Object.hasOwn(value, segment)) value = value[segment as string];
      else return undefined;
    }
    return value;
  }

  /** `#/components/schemas/User` as a path; undefined for a `$ref` to another file. */
  private pointerPath(ref: string, where: Path): Path | undefined {
    if (!ref.startsWith('#')) return undefined;
    const pointer = decodeURIComponent(ref.slice(1));
    if (pointer === '') return [];
    if (!pointer.startsWith('/')) {
      throw brokenSchema(this.source, `$ref "${ref}" at ${this.api.locate(where)} is not a JSON pointer`);
    }
    return pointer
      .slice(1)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
}

/** The fields a payload's event type is read from (as in detect-event.ts): their consts are names. */
const DISCRIMINATORS = ['type', 'event', 'event_type', 'topic'];

/**
 * The values a payload schema fixes for `type` (or `event`, `event_type`, `topic`) with `const` or
 * `enum`, looking through `$ref`s and `allOf`: a payload whose `type` is `invoice.paid` is the one
 * whose schema says `type: { const: invoice.paid }`.
 */
export function discriminatorValues(walker: DocumentWalker, path: Path): string[] {
  const values: string[] = [];
  const visit = (value: unknown, at: Path, depth: number) => {
    if (depth > 8) return;
    const schema = walker.resolve(value, at);
    if (!isObject(schema.value)) return;
    const properties = schema.value.properties;
    if (isObject(properties)) {
      for (const field of DISCRIMINATORS) {
        if (!Object.hasOwn(properties, field)) continue;
        const property = walker.resolve(properties[field], [...schema.path, 'properties', field]).value;
        if (!isObject(property)) continue;
        if (typeof property.const === 'string') values.push(property.const);
        if (Array.isArray(property.enum)) {
          for (const item of property.enum) if (typeof item === 'string') values.push(item);
        }
      }
    }
    if (Array.isArray(schema.value.allOf)) {
      for (const [index, item] of schema.value.allOf.entries()) {
        visit(item, [...schema.path, 'allOf', index], depth + 1);
      }
    }
  };
  visit(walker.at(path), path, 0);
  return values;
}

/** A JSON pointer fragment for Ajv: `~` and `/` escaped, then percent-encoded for the URI. */
export function toFragment(path: Path): string {
  return `#${path
    .map((segment) => `/${encodeURIComponent(String(segment).replace(/~/g, '~0').replace(/\//g, '~1'))}`)
    .join('')}`;
}

/** True when a parsed JSON value is an OpenAPI or AsyncAPI document rather than a schema. */
export function isApiDocument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const root = value as Record<string, unknown>;
  return typeof root.openapi === 'string' || typeof root.asyncapi === 'string';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
