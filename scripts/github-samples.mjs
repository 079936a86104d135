// Writes schemas/samples/github/: one sample per event and action of @octokit/webhooks-examples
// (MIT, https://github.com/octokit/webhooks), the first example of each, made to fit GitHub's
// current OpenAPI description (@octokit/openapi-webhooks, what `--schema github` checks): the
// examples predate fields GitHub has since made required (`has_discussions`, `state_reason`,
// ...), so `conform` adds each missing required field (null where the schema allows it, else a
// value of its type) and replaces values the schema refuses (e.g. `homepage: ""`, not a URI).
// Nothing else changes. Run it after updating either package: `node scripts/github-samples.mjs`;
// test/trigger/github-samples.test.ts fails while the files are not current.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const DOCS = 'https://docs.github.com/en/webhooks/webhook-events-and-payloads';

/** The examples, one entry per event, and the OpenAPI description, as octokit publishes them. */
export function readGithubSources() {
  const read = (path) => JSON.parse(readFileSync(require.resolve(path), 'utf8'));
  return {
    examples: read('@octokit/webhooks-examples/api.github.com/index.json'),
    openapi: read('@octokit/openapi-webhooks/generated/api.github.com.json'),
  };
}

/**
 * `[{ name, text }]`: the file name and content of each sample, in name order. An example whose
 * strings hold `{{` would be read as templates: refused rather than changed.
 */
export function renderGithubSamples({ examples, openapi }) {
  const schemas = openapi.components.schemas;
  const webhookSchema = webhookSchemas(openapi);
  const files = new Map();
  for (const entry of examples) {
    for (const example of entry.examples) {
      const action = typeof example.action === 'string' ? example.action : undefined;
      const event = action === undefined ? entry.name : `${entry.name}.${action}`;
      const name = `${event.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
      if (files.has(name)) continue;
      if (JSON.stringify(example).includes('{{'))
        throw new Error(`the example of ${event} holds '{{', which samples read as a template`);
      const schemaName = webhookSchema(entry.name, action);
      const body = schemaName ? conform(structuredClone(example), schemas[schemaName], schemas) : example;
      const sample = {
        $schema: '../../sample.schema.json',
        event,
        docs: `${DOCS}#${entry.name}`,
        headers: { 'X-GitHub-Event': entry.name },
        body,
      };
      files.set(name, `${JSON.stringify(sample, null, 2)}\n`);
    }
  }
  return [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) => ({ name, text }));
}

/** (event, action) → the webhook's schema name, as src/schemas/github-openapi.ts chooses it. */
function webhookSchemas(openapi) {
  const events = new Map();
  for (const webhook of Object.values(openapi.webhooks)) {
    const operation = webhook.post;
    const event = operation?.['x-github']?.subcategory;
    const ref = operation?.requestBody?.content?.['application/json']?.schema?.$ref;
    if (typeof event !== 'string' || typeof ref !== 'string') continue;
    const name = ref.slice('#/components/schemas/'.length);
    const schema = openapi.components.schemas[name];
    // The action is the `action` enum's one value, at the top or the same in every `oneOf` branch.
    const branches = (schema?.oneOf ?? [schema]).map((branch) => deref(branch, openapi.components.schemas));
    const enums = [...new Set(branches.map((branch) => JSON.stringify(branch?.properties?.action?.enum)))];
    const declared = enums.length === 1 && enums[0] !== undefined ? JSON.parse(enums[0]) : undefined;
    let action = operation.operationId.includes('/') ? '*' : '';
    if (action && declared?.length === 1 && typeof declared[0] === 'string') action = declared[0];
    const actions = events.get(event) ?? new Map();
    actions.set(action, name);
    events.set(event, actions);
  }
  return (event, action) => {
    const actions = events.get(event);
    if (!actions) return undefined;
    return (action === undefined ? undefined : (actions.get(action) ?? actions.get('*'))) ?? actions.get('');
  };
}

/** The value made to fit the schema: missing required fields added, refused values replaced. */
export function conform(value, schemaOrRef, schemas) {
  const schema = deref(schemaOrRef, schemas);
  if (schema === undefined || schema === true || schema === null) return value;
  let out = value;
  for (const part of schema.allOf ?? []) out = conform(out, part, schemas);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const resolved = branches.map((branch) => deref(branch, schemas));
    // The branch the value is closest to: the fewest required fields missing or of another type.
    const scored = resolved.map((branch) => ({ branch, misses: misses(out, branch, schemas) }));
    const best = Math.min(...scored.map((entry) => entry.misses));
    const chosen =
      best === Number.POSITIVE_INFINITY ? undefined : scored.find((entry) => entry.misses === best)?.branch;
    return chosen ? conform(out, chosen, schemas) : synthesize(resolved[0], schemas);
  }
  if ('const' in schema) return same(out, schema.const) ? out : schema.const;
  if (schema.enum && !schema.enum.some((item) => same(item, out))) return synthesize(schema, schemas);
  if (!typeMatches(out, schema.type)) return synthesize(schema, schemas);
  if (typeof out === 'string' && !stringFits(out, schema)) return synthesize(schema, schemas);
  if (isObject(out)) {
    const properties = schema.properties ?? {};
    for (const key of Object.keys(out)) {
      if (Object.hasOwn(properties, key)) out[key] = conform(out[key], properties[key], schemas);
      else if (schema.additionalProperties === false && !schema.patternProperties) delete out[key];
    }
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(out, key)) out[key] = synthesize(properties[key] ?? {}, schemas);
    }
  }
  if (Array.isArray(out) && schema.items) out = out.map((item) => conform(item, schema.items, schemas));
  return out;
}

/** A value the schema accepts: null when it may be null, else the simplest of its type. */
function synthesize(schemaOrRef, schemas) {
  const schema = deref(schemaOrRef, schemas);
  if (schema === undefined || schema === true || schema === null) return null;
  if (schema.allOf?.length) return conform(synthesize(schema.allOf[0], schemas), schema, schemas);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const resolved = branches.map((branch) => deref(branch, schemas));
    return synthesize(
      resolved.find((branch) => typeMatches(null, branch.type) && !branch.enum) ?? resolved[0],
      schemas,
    );
  }
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum.includes(null) ? null : schema.enum[0];
  const types = [schema.type ?? []].flat();
  if (types.includes('null')) return null;
  const example = schema.examples?.[0] ?? schema.example;
  switch (types[0]) {
    case 'object': {
      const out = {};
      for (const key of schema.required ?? []) out[key] = synthesize(schema.properties?.[key] ?? {}, schemas);
      return out;
    }
    case 'array':
      return [];
    case 'string':
      if (typeof example === 'string' && stringFits(example, schema)) return example;
      return (
        { 'date-time': '2026-01-01T00:00:00Z', uri: 'https://github.com', email: 'octocat@github.com' }[
          schema.format
        ] ?? ''
      );
    case 'integer':
    case 'number':
      return typeof example === 'number' ? example : (schema.minimum ?? 0);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** How far a value is from a schema: infinite for another type, else the required fields it lacks or has wrong. */
function misses(value, schema, schemas) {
  if (schema === undefined || schema === true) return 0;
  if ('const' in schema) return same(value, schema.const) ? 0 : Number.POSITIVE_INFINITY;
  if (schema.enum) return schema.enum.some((item) => same(item, value)) ? 0 : Number.POSITIVE_INFINITY;
  if (!typeMatches(value, schema.type)) return Number.POSITIVE_INFINITY;
  if (typeof value === 'string') return stringFits(value, schema) ? 0 : 1;
  if (!isObject(value)) return 0;
  let count = 0;
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) count += 1;
    else {
      const property = deref(schema.properties?.[key], schemas);
      if (property && property !== true && ('const' in property || property.enum || property.type)) {
        const ok =
          'const' in property
            ? same(value[key], property.const)
            : property.enum
              ? property.enum.some((item) => same(item, value[key]))
              : typeMatches(value[key], property.type);
        if (!ok) count += 1;
      }
    }
  }
  return count;
}

function deref(schema, schemas) {
  let current = schema;
  for (
    let depth = 0;
    current && typeof current === 'object' && typeof current.$ref === 'string' && depth < 20;
    depth++
  ) {
    current = schemas[decodeURIComponent(current.$ref.slice('#/components/schemas/'.length))];
  }
  return current;
}

function typeMatches(value, type) {
  if (type === undefined) return true;
  return [type].flat().some((t) => {
    if (t === 'null') return value === null;
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return isObject(value);
    if (t === 'integer') return Number.isInteger(value);
    return typeof value === t;
  });
}

function stringFits(text, schema) {
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(text)) return false;
  if (schema.minLength !== undefined && text.length < schema.minLength) return false;
  if (schema.format === 'uri') return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(text);
  if (schema.format === 'date-time')
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text);
  if (schema.format === 'email') return /^[^\s@]+@[^\s@]+$/.test(text);
  return true;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../schemas/samples/github/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const samples = renderGithubSamples(readGithubSources());
  const keep = new Set(samples.map((sample) => sample.name));
  for (const name of readdirSync(dir))
    if (name.endsWith('.json') && !keep.has(name)) unlinkSync(join(dir, name));
  for (const { name, text } of samples) writeFileSync(join(dir, name), text);
  process.stdout.write(`wrote ${samples.length} samples to ${dir}\n`);
}
