/** Keywords whose value is one subschema, a map of subschemas, or a list of them (2020-12 and older). */
const ONE = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Rewrites schemas so that each large subschema that occurs more than once (GitHub's description
 * inlines the same repository, user and issue objects in every webhook, some 35 KB per webhook) is
 * stored once, by `store`, in the same document, and referenced by a local `$ref`. Ajv compiles a
 * `$ref`'d schema into one function per document root (its compiled refs are cached on the root), so
 * with `inlineRefs: false` each shared subschema compiles once instead of once per webhook.
 */
export class SubschemaSharing {
  private readonly keys = new Map<string, string>();

  constructor(
    /** The JSON pointer fragment the shared subschemas are stored under: `#/x-shared/`. */
    private readonly pointer: string,
    private readonly store: (name: string, schema: unknown) => void,
    /** Subschemas shorter than this (as JSON) stay inline: a function call would cost more. */
    private readonly minLength = 400,
  ) {}

  share(schema: unknown): unknown {
    return this.transform(schema).value;
  }

  private transform(node: unknown): { value: unknown; text: string } {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return { value: node, text: JSON.stringify(node) ?? '' };
    }
    const copy: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (ONE.has(keyword) && isSchema(value)) copy[keyword] = this.sub(value);
      else if (MAP.has(keyword) && isObject(value)) {
        const map: Record<string, unknown> = {};
        for (const [name, item] of Object.entries(value)) map[name] = isSchema(item) ? this.sub(item) : item;
        copy[keyword] = map;
      } else if (LIST.has(keyword) && Array.isArray(value)) {
        copy[keyword] = value.map((item) => (isSchema(item) ? this.sub(item) : item));
      } else copy[keyword] = value;
    }
    return { value: copy, text: JSON.stringify(copy) };
  }

  private sub(node: unknown): unknown {
    const { value, text } = this.transform(node);
    if (text.length < this.minLength) return value;
    let name = this.keys.get(text);
    if (name === undefined) {
      name = String(this.keys.size);
      this.keys.set(text, name);
      this.store(name, value);
    }
    return { $ref: `${this.pointer}${name}` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): boolean {
  return isObject(value) || typeof value === 'boolean';
}
