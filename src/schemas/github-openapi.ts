import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { VERSION } from '../version.js';
import type { AjvPool, Draft } from './ajv-pool.js';
import type { SchemaSource } from './schema-sources.js';
import { SubschemaSharing } from './share-subschemas.js';
import type { ValidatorCache } from './validator-cache.js';

/**
 * GitHub's webhooks from its official OpenAPI description, as octokit publishes it:
 * `@octokit/openapi-webhooks` (https://github.com/octokit/openapi-webhooks), generated from
 * https://github.com/github/rest-api-description. Each entry of `webhooks` is one event and action
 * (`issues-opened`); `x-github.subcategory` is the `X-GitHub-Event` name (`issues`), and the
 * operation id is `<event>/<action>` (`issues/opened`), or the event alone for events without
 * actions (`push`).
 */
export interface GithubOpenApi {
  version: string;
  /** event -> action ('' for an event without actions, `*` for any) -> the schema's name in `components.schemas`. */
  events: Map<string, Map<string, string>>;
  components: Record<string, unknown>;
}

const ANY_ACTION = '*';
/** Where the rewritten webhook schemas, and the subschemas they share, go in the root document. */
const SHARED = 'x-webhook-cli-shared';
const WEBHOOKS = 'x-webhook-cli-webhooks';
const DESCRIPTION = '@octokit/openapi-webhooks/generated/api.github.com.json';

const require = createRequire(import.meta.url);
let loaded: GithubOpenApi | undefined;

export async function loadGithubOpenApi(): Promise<GithubOpenApi> {
  return readGithubOpenApi();
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('@octokit/openapi-webhooks/package.json'), 'utf8'));
  return String(pkg.version);
}

/** Reads the api.github.com description (4.8 MB, about 0.1 s to read and parse) once. */
function readGithubOpenApi(): GithubOpenApi {
  loaded ??= (() => {
    const document = JSON.parse(readFileSync(require.resolve(DESCRIPTION), 'utf8')) as {
      webhooks: Record<string, { post?: Record<string, unknown> }>;
      components: Record<string, unknown>;
    };
    const events = new Map<string, Map<string, string>>();
    for (const webhook of Object.values(document.webhooks)) {
      const operation = webhook.post;
      const event = (operation?.['x-github'] as { subcategory?: unknown } | undefined)?.subcategory;
      const operationId = operation?.operationId;
      const body = (operation?.requestBody as { content?: Record<string, { schema?: { $ref?: unknown } }> })
        ?.content?.['application/json']?.schema?.$ref;
      if (typeof event !== 'string' || typeof operationId !== 'string' || typeof body !== 'string') continue;
      const name = body.slice('#/components/schemas/'.length);
      const slash = operationId.indexOf('/');
      // Operation ids spell actions with hyphens (`check-run/requested-action`); payloads say
      // `requested_action`, as the schema's `action` enum does: the enum names the action.
      type WithAction = { properties?: { action?: { enum?: unknown[] } }; oneOf?: WithAction[] };
      const schemas = document.components.schemas as Record<string, WithAction>;
      // A webhook of several shapes (`pull_request` `review_request_removed`: a reviewer or a
      // team) has its `action` in each `oneOf` branch: the same one value in all of them.
      const branches = schemas[name]?.oneOf ?? [schemas[name]];
      const enums = new Set(branches.map((branch) => JSON.stringify(branch?.properties?.action?.enum)));
      const only = enums.size === 1 ? [...enums][0] : undefined;
      const declared = only === undefined ? undefined : (JSON.parse(only) as unknown[]);
      let action = slash === -1 ? '' : ANY_ACTION;
      if (slash !== -1 && declared?.length === 1 && typeof declared[0] === 'string') action = declared[0];
      // A schema whose `action` is any string (`repository_dispatch`: the sender's event_type)
      // is the one for every action of its event.
      const actions = events.get(event) ?? new Map<string, string>();
      actions.set(action, name);
      events.set(event, actions);
    }
    return { version: packageVersion(), events, components: document.components };
  })();
  return loaded;
}

/** The schema for `issues.opened` (or `issues` + the payload's `action`, or `push`), or why there is none. */
export function githubOpenApiSchemaName(
  github: Pick<GithubOpenApi, 'events'>,
  eventType: string,
  body: unknown,
): { name: string; action: boolean } | { reason: string } {
  const dot = eventType.indexOf('.');
  const event = dot === -1 ? eventType : eventType.slice(0, dot);
  let action = dot === -1 ? undefined : eventType.slice(dot + 1);
  if (action === undefined && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>).action;
    if (typeof value === 'string' && value !== '') action = value;
  }
  const actions = github.events.get(event);
  if (!actions) return { reason: `github has no event "${event}"` };
  const withAction = action === undefined ? undefined : (actions.get(action) ?? actions.get(ANY_ACTION));
  if (withAction) return { name: withAction, action: true };
  const plain = actions.get('');
  if (plain) return { name: plain, action: false };
  const names = [...actions.keys()].join(', ');
  if (action === undefined)
    return { reason: `github event "${event}" needs an action (${names}); none was given` };
  return { reason: `github event "${event}" has no action "${action}" (it has ${names})` };
}

/**
 * Changed whenever what the event index holds changes: which event and action name which webhook
 * (see readGithubOpenApi).
 */
const INDEX_FORMAT = 1;

/**
 * `--schema github`: the registry's plan (the description's components, compiled per event on first
 * use). The index of events and actions is kept in the validator cache: a run whose validators all
 * come from there never reads the description.
 */
export async function planGithubOpenApi(cache?: ValidatorCache): Promise<{
  drafts: Draft[];
  build(pool: AjvPool): Promise<SchemaSource>;
}> {
  const version = packageVersion();
  const indexKey = JSON.stringify({ index: DESCRIPTION, version, format: INDEX_FORMAT, by: VERSION });
  let events = readIndex(cache?.read(indexKey));
  if (!events) {
    events = readGithubOpenApi().events;
    cache?.write(indexKey, JSON.stringify([...events].map(([event, actions]) => [event, [...actions]])));
  }
  const github = { version, events };
  let root: GithubRoot | undefined;
  const rootDocument = (): GithubRoot => {
    root ??= { components: readGithubOpenApi().components, [SHARED]: {}, [WEBHOOKS]: {} };
    return root;
  };
  return {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12.
    drafts: ['2020-12'],
    async build(pool) {
      // The root's fields are not keywords; `example` is an OpenAPI annotation in its schemas.
      for (const keyword of [
        'components',
        SHARED,
        WEBHOOKS,
        'example',
        'externalDocs',
        'discriminator',
        'xml',
      ]) {
        pool.allowKeyword(keyword);
      }
      const source = githubOpenApiSource(github, rootDocument);
      pool.add({
        key: 'github-openapi',
        // Read when Ajv is given the document: never, when every validator comes from the cache.
        get schema() {
          return rootDocument();
        },
        draft: '2020-12',
        source: `github (@octokit/openapi-webhooks ${github.version})`,
        trusted: true,
        // The rewritten webhooks added to it later depend only on the description and this code.
        fingerprint: `@octokit/openapi-webhooks@${github.version}`,
        beforeCompile: source.addWebhook,
      });
      return source;
    },
  };
}

/**
 * Each webhook's schema is rewritten when first needed, with its large subschemas shared
 * (share-subschemas.ts), into the root document Ajv already holds: Ajv reads `$ref` targets from the
 * document when it compiles, so entries added later resolve like the others.
 */
function githubOpenApiSource(
  github: Pick<GithubOpenApi, 'events' | 'version'>,
  rootDocument: () => GithubRoot,
): SchemaSource & { addWebhook(pointer: string): void } {
  const sharing = new SubschemaSharing(`#/${SHARED}/`, (name, schema) => {
    rootDocument()[SHARED][name] = schema;
  });
  const add = (name: string): void => {
    const root = rootDocument();
    const schemas = root.components.schemas as Record<string, unknown>;
    if (!Object.hasOwn(root[WEBHOOKS], name) && Object.hasOwn(schemas, name)) {
      root[WEBHOOKS][name] = sharing.share(schemas[name]);
    }
  };
  const refOf = (name: string): string => `github-openapi#/${WEBHOOKS}/${encodeURIComponent(name)}`;
  return {
    // The validator of a webhook may come from the cache: its schema is added when it is compiled.
    addWebhook(pointer) {
      const prefix = `/${WEBHOOKS}/`;
      if (pointer.startsWith(prefix)) add(decodeURIComponent(pointer.slice(prefix.length)));
    },
    describe: () =>
      `github: ${github.events.size} GitHub webhook events (GitHub's OpenAPI description, @octokit/openapi-webhooks ${github.version}), schema chosen per event and action`,
    choose(event, body) {
      if (event.type === undefined) {
        return {
          reason: 'with --schema github, name the event: --event issues, or a capture with X-GitHub-Event',
        };
      }
      const found = githubOpenApiSchemaName(github, event.type, body);
      if ('reason' in found) return found;
      const fromBody = !event.type.includes('.') && found.action;
      return {
        name: `github:${found.name.replace(/^webhook-/, '')}`,
        ref: refOf(found.name),
        draft: '2020-12',
        rule: `event "${event.type}" from ${event.rule}${fromBody ? ' + body "action"' : ''}`,
      };
    },
  };
}

/** The document Ajv is given: the description's components, and the webhooks rewritten on first use. */
interface GithubRoot {
  components: Record<string, unknown>;
  [SHARED]: Record<string, unknown>;
  [WEBHOOKS]: Record<string, unknown>;
}

/** The event index from the cache, or undefined when there is none (or it is not one). */
function readIndex(text: string | undefined): GithubOpenApi['events'] | undefined {
  if (text === undefined) return undefined;
  try {
    const entries = JSON.parse(text) as Array<[string, Array<[string, string]>]>;
    return new Map(entries.map(([event, actions]) => [event, new Map(actions)]));
  } catch {
    return undefined;
  }
}

/** One webhook's schema with the `components.schemas` it refers to (transitively): a standalone schema to print. */
export function githubOpenApiStandalone(github: GithubOpenApi, name: string): Record<string, unknown> {
  const schemas = (github.components.schemas ?? {}) as Record<string, unknown>;
  const needed = new Set<string>();
  const prefix = '#/components/schemas/';
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string' && item.startsWith(prefix)) {
          const target = decodeURIComponent(item.slice(prefix.length));
          if (!needed.has(target)) {
            needed.add(target);
            visit(schemas[target]);
          }
        } else visit(item);
      }
    }
  };
  const schema = schemas[name] as Record<string, unknown>;
  visit(schema);
  const referenced: Record<string, unknown> = {};
  for (const key of [...needed].sort()) referenced[key] = schemas[key];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...schema,
    ...(needed.size > 0 ? { components: { schemas: referenced } } : {}),
  };
}
