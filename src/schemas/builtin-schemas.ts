import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface BuiltinSchema {
  name: string;
  description: string;
  /** Where it comes from: a file shipped in `schemas/builtin/` or a package. */
  origin: string;
}

export const BUILTIN_SCHEMAS: readonly BuiltinSchema[] = [
  {
    name: 'github',
    description: "every GitHub webhook event, from GitHub's OpenAPI description; chosen per event and action",
    origin: '@octokit/openapi-webhooks (MIT)',
  },
  {
    name: 'github-community',
    description: 'the former github builtin: the definition <event>$<action>, chosen per payload',
    origin: '@octokit/webhooks-schemas (MIT), no longer maintained',
  },
  {
    name: 'stripe',
    description: 'the Stripe event object (id, object: "event", type, created, livemode, data.object, ...)',
    origin: 'schemas/builtin/stripe.schema.json',
  },
  {
    name: 'standard-webhooks',
    description: 'Standard Webhooks payload { type, timestamp, data }',
    origin: 'schemas/builtin/standard-webhooks.schema.json',
  },
  {
    name: 'cloudevents',
    description: 'CloudEvents 1.0 structured JSON (specversion, id, source, type, ...)',
    origin: 'schemas/builtin/cloudevents.schema.json',
  },
  {
    name: 'generic',
    description: '{ event: string, data: object }, the minimal shape most guides start from',
    origin: 'schemas/builtin/generic.schema.json',
  },
];

export function findBuiltin(name: string): BuiltinSchema | undefined {
  return BUILTIN_SCHEMAS.find((builtin) => builtin.name === name);
}

/** The file of a builtin shipped in `schemas/builtin/` (the same relative place from src/ and dist/). */
export function builtinSchemaPath(name: string): string {
  return fileURLToPath(new URL(`../../schemas/builtin/${name}.schema.json`, import.meta.url));
}

export interface GithubSchema {
  version: string;
  definitions: Record<string, Record<string, unknown>>;
  $schema: string;
}

let githubSchema: Promise<GithubSchema> | undefined;

/** `@octokit/webhooks-schemas/schema.json`, read once (630 KB; parsing it takes a few ms). */
export function loadGithubSchema(): Promise<GithubSchema> {
  githubSchema ??= (async () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@octokit/webhooks-schemas/schema.json');
    const pkg = JSON.parse(await readFile(require.resolve('@octokit/webhooks-schemas/package.json'), 'utf8'));
    const schema = JSON.parse(await readFile(path, 'utf8'));
    return { version: String(pkg.version), definitions: schema.definitions, $schema: schema.$schema };
  })();
  return githubSchema;
}

/** The GitHub event names (`issues`, `push`, ...) and their actions, from the definition names. */
export function githubEvents(schema: GithubSchema): Map<string, string[]> {
  const events = new Map<string, string[]>();
  for (const name of Object.keys(schema.definitions)) {
    const dollar = name.indexOf('$');
    if (dollar === -1) continue;
    const event = name.slice(0, dollar);
    const action = name.slice(dollar + 1);
    const actions = events.get(event) ?? [];
    if (action !== 'event') actions.push(action);
    events.set(event, actions);
  }
  return events;
}

/**
 * The definition for `issues.opened` (or `issues` + the payload's `action`, or `push` → `push$event`),
 * or why there is none.
 */
export function githubDefinitionName(
  schema: GithubSchema,
  eventType: string,
  body: unknown,
): { name: string } | { reason: string } {
  const dot = eventType.indexOf('.');
  const event = dot === -1 ? eventType : eventType.slice(0, dot);
  let action = dot === -1 ? undefined : eventType.slice(dot + 1);
  if (action === undefined && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>).action;
    if (typeof value === 'string' && value !== '') action = value;
  }
  const definitions = schema.definitions;
  if (action !== undefined && Object.hasOwn(definitions, `${event}$${action}`)) {
    return { name: `${event}$${action}` };
  }
  if (Object.hasOwn(definitions, `${event}$event`)) return { name: `${event}$event` };
  const actions = githubEvents(schema).get(event);
  if (!actions) return { reason: `github has no event "${event}"` };
  if (action === undefined) {
    return { reason: `github event "${event}" needs an action (${actions.join(', ')}); none was given` };
  }
  return { reason: `github event "${event}" has no action "${action}" (it has ${actions.join(', ')})` };
}

/** A definition with only the definitions it refers to (transitively): a standalone schema to print. */
export function githubStandaloneDefinition(schema: GithubSchema, name: string): Record<string, unknown> {
  const needed = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string' && item.startsWith('#/definitions/')) {
          const target = item.slice('#/definitions/'.length);
          if (!needed.has(target)) {
            needed.add(target);
            visit(schema.definitions[target]);
          }
        } else visit(item);
      }
    }
  };
  const definition = schema.definitions[name]!;
  visit(definition);
  const definitions: Record<string, unknown> = {};
  for (const key of [...needed].sort()) definitions[key] = schema.definitions[key];
  return { ...definition, $schema: schema.$schema, definitions };
}
