import { brokenSchema } from './ajv-pool.js';
import { type ApiOperation, type DocumentWalker, isObject, type Path } from './api-operations.js';

/**
 * Payload formats that are JSON Schema: AsyncAPI's own schema (a draft-07 superset) and JSON Schema
 * draft-07 (https://www.asyncapi.com/docs/reference/specification/v3.0.0#multiFormatSchemaObject).
 * Avro, RAML and Protobuf payloads are not checked.
 */
const JSON_FORMATS = /^application\/(vnd\.aai\.asyncapi(\+json|\+yaml)?|schema\+(json|yaml));version=/;

/**
 * The messages an AsyncAPI document describes. 2.x: each channel's `publish` and `subscribe`
 * operation's `message` (or `message.oneOf`); 3.x: each operation's `messages` (all of its
 * channel's messages when it lists none), then any channel message no operation names.
 */
export function asyncApiOperations(walker: DocumentWalker, version: 2 | 3, source: string): ApiOperation[] {
  const found = version === 2 ? fromVersion2(walker) : fromVersion3(walker);
  // Several operations can carry the same message: one entry with all their names.
  const merged = new Map<string, ApiOperation>();
  let skipped = 0;
  for (const operation of found) {
    if (operation.path.length === 0) {
      skipped += 1;
      continue;
    }
    const id = JSON.stringify(operation.path);
    const existing = merged.get(id);
    if (existing) existing.names = [...new Set([...existing.names, ...operation.names])];
    else merged.set(id, operation);
  }
  if (merged.size === 0) {
    const why = skipped > 0 ? ` (${skipped} with a payload format other than JSON Schema)` : '';
    throw brokenSchema(source, `the AsyncAPI document describes no message with a JSON Schema payload${why}`);
  }
  return [...merged.values()];
}

function fromVersion2(walker: DocumentWalker): ApiOperation[] {
  const operations: ApiOperation[] = [];
  const channels = isObject(walker.root.channels) ? walker.root.channels : {};
  for (const [channel, rawItem] of Object.entries(channels)) {
    const item = walker.resolve(rawItem, ['channels', channel]);
    if (!isObject(item.value)) continue;
    for (const kind of ['subscribe', 'publish']) {
      const operation = item.value[kind];
      if (!isObject(operation)) continue;
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
      const at: Path = [...item.path, kind, 'message'];
      const message = walker.resolve(operation.message, at);
      const messages =
        isObject(message.value) && Array.isArray(message.value.oneOf)
          ? message.value.oneOf.map((_, index) => [...message.path, 'oneOf', index])
          : [at];
      for (const messagePath of messages) {
        const entry = messageEntry(walker, messagePath, [operationId, channel]);
        if (entry) operations.push(entry);
      }
    }
  }
  return operations;
}

function fromVersion3(walker: DocumentWalker): ApiOperation[] {
  const result: ApiOperation[] = [];
  const operations = isObject(walker.root.operations) ? walker.root.operations : {};
  const named = new Set<string>();
  for (const [operationId, rawOperation] of Object.entries(operations)) {
    const operation = walker.resolve(rawOperation, ['operations', operationId]);
    if (!isObject(operation.value)) continue;
    const channel = walker.resolve(operation.value.channel, [...operation.path, 'channel']);
    const channelNames = channelNamesOf(channel.value, channel.path);
    let messages: Path[] = [];
    if (Array.isArray(operation.value.messages) && operation.value.messages.length > 0) {
      messages = operation.value.messages.map((_, index) => [...operation.path, 'messages', index]);
    } else if (isObject(channel.value) && isObject(channel.value.messages)) {
      messages = Object.keys(channel.value.messages).map((key) => [...channel.path, 'messages', key]);
    }
    for (const path of messages) {
      const entry = messageEntry(walker, path, [operationId, ...channelNames]);
      if (!entry) continue;
      named.add(JSON.stringify(entry.path));
      result.push(entry);
    }
  }
  const channels = isObject(walker.root.channels) ? walker.root.channels : {};
  for (const [key, rawChannel] of Object.entries(channels)) {
    const channel = walker.resolve(rawChannel, ['channels', key]);
    if (!isObject(channel.value) || !isObject(channel.value.messages)) continue;
    for (const message of Object.keys(channel.value.messages)) {
      const entry = messageEntry(
        walker,
        [...channel.path, 'messages', message],
        channelNamesOf(channel.value, channel.path),
      );
      if (entry && !named.has(JSON.stringify(entry.path))) result.push(entry);
    }
  }
  return result;
}

function channelNamesOf(channel: unknown, path: Path): string[] {
  const names = [String(path[path.length - 1] ?? '')];
  if (isObject(channel) && typeof channel.address === 'string') names.push(channel.address);
  return names;
}

/**
 * The entry for the message at `path` (after its `$ref`s): its payload, named by the keys it was
 * reached through, its `name` and `messageId`. A path of `[]` marks a payload that is not JSON Schema.
 */
function messageEntry(
  walker: DocumentWalker,
  path: Path,
  extra: Array<string | undefined>,
): ApiOperation | undefined {
  const keys: string[] = [];
  // A message in a channel's `messages` map is named by its key (`message` in 2.x is not a name).
  if (path[path.length - 2] === 'messages' && typeof path[path.length - 1] === 'string') {
    keys.push(String(path[path.length - 1]));
  }
  // The key a `$ref` leads to names the message too (`#/components/messages/UserSignedUp`).
  const { value, path: at } = walker.resolve(walker.at(path), path);
  if (at !== path && typeof at[at.length - 1] === 'string') keys.push(String(at[at.length - 1]));
  if (!isObject(value) || value.payload === undefined) return undefined;
  const names = [...keys];
  for (const field of ['name', 'messageId', 'title']) {
    if (typeof value[field] === 'string') names.push(value[field] as string);
  }
  const label = `message ${typeof value.name === 'string' ? value.name : (keys[keys.length - 1] ?? String(at[at.length - 1]))}`;
  let payload: Path = [...at, 'payload'];
  let format = typeof value.schemaFormat === 'string' ? value.schemaFormat : undefined;
  const resolved = walker.resolve(value.payload, payload);
  // AsyncAPI 3 multi-format schema: `payload: { schemaFormat, schema }`.
  if (
    isObject(resolved.value) &&
    typeof resolved.value.schemaFormat === 'string' &&
    'schema' in resolved.value
  ) {
    format = resolved.value.schemaFormat;
    payload = [...resolved.path, 'schema'];
  }
  if (format !== undefined && !JSON_FORMATS.test(format)) return { label, names: [], path: [] };
  const all = [...new Set([...names, ...extra.filter((name): name is string => !!name)])];
  return { label, names: all, path: payload };
}
