import { brokenSchema } from './ajv-pool.js';
import { type ApiOperation, type DocumentWalker, isObject, type Path } from './api-operations.js';

const METHODS = ['post', 'put', 'patch', 'get', 'delete', 'options', 'head', 'trace'];

/**
 * The payloads an OpenAPI document describes (https://spec.openapis.org/oas/v3.1.0#oasWebhooks):
 * each operation of `webhooks` (3.1), of `x-webhooks` (the 3.0 extension Redocly documents), and
 * of the `callbacks` of every path operation (3.0 and 3.1), with a JSON request body.
 */
export function openApiOperations(walker: DocumentWalker, source: string): ApiOperation[] {
  const operations: ApiOperation[] = [];
  const root = walker.root;
  for (const key of ['webhooks', 'x-webhooks']) {
    const webhooks = root[key];
    if (!isObject(webhooks)) continue;
    for (const [name, item] of Object.entries(webhooks)) {
      for (const found of bodies(walker, item, [key, name])) {
        const method = found.method === 'post' ? '' : ` (${found.method.toUpperCase()})`;
        operations.push({
          label: `webhook ${name}${method}`,
          names: unique([name, found.operationId]),
          path: found.path,
        });
      }
    }
  }
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [route, rawItem] of Object.entries(paths)) {
    const item = walker.resolve(rawItem, ['paths', route]);
    if (!isObject(item.value)) continue;
    for (const method of METHODS) {
      const operation = item.value[method];
      if (!isObject(operation) || !isObject(operation.callbacks)) continue;
      for (const [name, rawCallback] of Object.entries(operation.callbacks)) {
        const callback = walker.resolve(rawCallback, [...item.path, method, 'callbacks', name]);
        if (!isObject(callback.value)) continue;
        for (const [expression, callbackItem] of Object.entries(callback.value)) {
          for (const found of bodies(walker, callbackItem, [...callback.path, expression])) {
            operations.push({
              label: `callback ${name} (${found.method.toUpperCase()} ${expression})`,
              names: unique([name, found.operationId]),
              path: found.path,
            });
          }
        }
      }
    }
  }
  if (operations.length === 0) {
    throw brokenSchema(
      source,
      'the OpenAPI document describes no webhooks: no "webhooks", "x-webhooks" or "callbacks" with a JSON request body',
      { hint: 'describe them under "webhooks" (OpenAPI 3.1), "x-webhooks", or an operation\'s "callbacks"' },
    );
  }
  return operations;
}

/** The JSON request bodies of a path item's operations. */
function bodies(
  walker: DocumentWalker,
  rawItem: unknown,
  at: Path,
): Array<{ method: string; operationId: string | undefined; path: Path }> {
  const item = walker.resolve(rawItem, at);
  if (!isObject(item.value)) return [];
  const found = [];
  for (const method of METHODS) {
    const operation = item.value[method];
    if (!isObject(operation)) continue;
    const body = walker.resolve(operation.requestBody, [...item.path, method, 'requestBody']);
    if (!isObject(body.value) || !isObject(body.value.content)) continue;
    const mediaType = Object.keys(body.value.content).find((type) =>
      /^application\/(.+\+)?json\b/i.test(type),
    );
    if (mediaType === undefined) continue;
    const media = body.value.content[mediaType];
    if (!isObject(media) || media.schema === undefined) continue;
    const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
    found.push({ method, operationId, path: [...body.path, 'content', mediaType, 'schema'] });
  }
  return found;
}

/** Keywords of the OpenAPI 3.0 schema object that draft-04 does not have; they only annotate. */
const OPENAPI_30_ANNOTATIONS = [
  'example',
  'discriminator',
  'xml',
  'externalDocs',
  'readOnly',
  'writeOnly',
  'deprecated',
];

/**
 * OpenAPI 3.0's schema object is draft-04 (https://spec.openapis.org/oas/v3.0.3#schema-object, from
 * JSON Schema Wright draft 00) plus `nullable`. Rewrites, in place, every schema reachable from
 * `roots` into draft-04: `nullable: true` adds `null` to `type` (and to `enum`), or wraps a schema
 * without `type` in `anyOf: [{type: null}, ...]`; the annotations draft-04 lacks are dropped.
 */
export function convertOpenApi30(walker: DocumentWalker, roots: Path[]): void {
  const done = new Set<string>();
  const visit = (path: Path) => {
    const id = JSON.stringify(path);
    if (done.has(id)) return;
    done.add(id);
    const schema = walker.at(path);
    if (!isObject(schema)) return;
    if (typeof schema.$ref === 'string') {
      const target = walker.resolve(schema, path);
      if (target.path !== path) visit(target.path);
    }
    for (const keyword of OPENAPI_30_ANNOTATIONS) delete schema[keyword];
    const nullable = schema.nullable === true;
    delete schema.nullable;
    for (const keyword of ['items', 'additionalProperties', 'not']) {
      if (isObject(schema[keyword])) visit([...path, keyword]);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = schema[keyword];
      if (!Array.isArray(list)) continue;
      for (const index of list.keys()) visit([...path, keyword, index]);
    }
    if (isObject(schema.properties)) {
      for (const name of Object.keys(schema.properties)) visit([...path, 'properties', name]);
    }
    if (!nullable) return;
    if (typeof schema.type === 'string') {
      schema.type = [schema.type, 'null'];
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
      return;
    }
    const rest = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [{ type: 'null' }, rest];
  };
  for (const root of roots) visit(root);
}

function unique(names: Array<string | undefined>): string[] {
  return [...new Set(names.filter((name): name is string => name !== undefined && name !== ''))];
}
