import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Deps } from '../deps.js';
import { InputError, UsageError } from '../errors.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import type { SchemaValidationError } from '../schemas/types.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { createLineIndex } from '../validate/line-index.js';
import { locatePointer } from '../validate/locate-errors.js';
import { parseJson } from '../validate/parse-json.js';
import { CONFIG_FILE_NAMES, type ConfigFile } from './config-file.js';
import { describePath } from './describe-path.js';

/** A config file that was read and matched schemas/config.schema.json. */
export interface LoadedConfig {
  /** The file as shown in messages: as the user named it, or `webhook-cli.yaml` when found. */
  source: string;
  value: ConfigFile;
  /**
   * `<source>:<line>:<column>: <where>` for the value at `path` (`['listen', 'routes', 1, 'verify']`
   * → `webhook-cli.yaml:12:7: routes[1] (/github): verify`), to start a message about it.
   */
  at(path: ReadonlyArray<string | number>): string;
}

/** YAML aliases a config may expand: plenty for a config, too few for an alias bomb. */
const MAX_ALIASES = 100;

/**
 * `--config <file>` (undefined: look for the documented names in the working directory, false:
 * `--no-config`). A file found by looking is announced on stderr (`config: ./webhook-cli.yaml`),
 * so which file counts is never a guess. No other file is ever read. A file that is not valid
 * JSON/YAML or does not match the schema is an `InputError` naming line:column and the route.
 */
export async function loadConfig(
  file: string | false | undefined,
  deps: Pick<Deps, 'cwd' | 'stderr'>,
): Promise<LoadedConfig | null> {
  if (file === false) return null;
  let shown: string;
  if (file === undefined) {
    const found = CONFIG_FILE_NAMES.filter((name) => isFile(resolve(deps.cwd, name)));
    if (found.length === 0) return null;
    if (found.length > 1) {
      throw new UsageError(`${found.join(' and ')} are both in the working directory`, {
        hint: 'keep one, or choose with --config <file> (or --no-config)',
      });
    }
    shown = found[0] as string;
    deps.stderr.write(`config: ./${shown}\n`);
  } else {
    if (file.trim() === '')
      throw new UsageError('--config is empty', { hint: 'e.g. --config webhook-cli.yaml' });
    shown = file;
  }
  const kind = formatOf(shown);
  let text: string;
  try {
    text = readNamedFile(resolve(deps.cwd, shown), shown, DEFAULT_MAX_FILE_BYTES).toString('utf8');
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    throw new InputError(`--config: ${error.message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return kind === 'json' ? fromJson(text, shown) : fromYaml(text, shown);
}

/** A config's text as `source` (exported for tests of the messages). */
export async function configFromText(text: string, source: string): Promise<LoadedConfig> {
  return formatOf(source) === 'json' ? fromJson(text, source) : fromYaml(text, source);
}

function formatOf(name: string): 'json' | 'yaml' {
  const extension = extname(name).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  throw new UsageError(`--config: '${escapeTerminalLine(name)}' must end in .json, .yaml or .yml`);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

async function fromJson(text: string, source: string): Promise<LoadedConfig> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new InputError(`${source}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.message}`);
  }
  const position = createLineIndex(text);
  return checked(parsed.value, source, (pointer, property) =>
    position(locatePointer(text, pointer, property)),
  );
}

async function fromYaml(text: string, source: string): Promise<LoadedConfig> {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw new InputError(`${source}:${line}:${col}: not valid YAML: ${firstLine(error.message)}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new InputError(`${source}: not valid YAML: ${firstLine((error as Error).message)}`);
  }
  return checked(value ?? {}, source, (pointer, property) => {
    const { line, col } = lines.linePos(yamlOffset(document, segmentsOf(pointer), property !== undefined));
    return { line, column: col };
  });
}

type Locate = (pointer: string, property?: string) => { line: number; column: number };

async function checked(value: unknown, source: string, locate: Locate): Promise<LoadedConfig> {
  const validate = await configValidator();
  const describe = (segments: ReadonlyArray<string | number>) => describePath(value, segments);
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const { toValidationErrors } = await import('../schemas/to-validation-errors.js');
    const found = toValidationErrors(errors).map((error, index) => {
      const where = locate(error.pointer, error.property);
      return { error, where, schemaPath: errors[index]?.schemaPath ?? '' };
    });
    found.sort((a, b) => a.where.line - b.where.line || a.where.column - b.where.column);
    const first = found[0] as (typeof found)[number];
    const { line, column } = first.where;
    const segments = segmentsOf(first.error.pointer);
    const more = new Set(found.map(({ where }) => `${where.line}:${where.column}`)).size - 1;
    throw new InputError(
      `${source}:${line}:${column}: ${describe(segments)}: ${messageOf(first.error, segments)}`,
      {
        hint: `docs/config.md lists every key${more > 0 ? `; ${more} more problem${more === 1 ? '' : 's'} after this one` : ''}`,
      },
    );
  }
  return {
    source,
    value: value as ConfigFile,
    at(path) {
      const pointer = path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`);
      const { line, column } = locate(pointer.join(''));
      return `${source}:${line}:${column}: ${describe(path)}`;
    },
  };
}

function messageOf(error: SchemaValidationError, segments: string[]): string {
  if (error.property !== undefined) return 'unknown key';
  if (error.keyword === 'pattern') {
    const key = segments.at(-1);
    if (key === 'secretEnv') {
      return 'must be the name of an environment variable (the secret itself never goes in the file)';
    }
    if (key === 'url' || key === 'forwardTo' || key === 'publicUrl') return 'must be an http(s) URL';
    if (key === 'path') return 'must start with /';
  }
  if (error.keyword === 'type') return error.message.replace(/^must be (\w+),(\w+)$/, 'must be $1 or $2');
  return error.message;
}

let validator: Promise<ValidateConfig> | undefined;
type ValidateConfig = ((value: unknown) => boolean) & {
  errors?: import('ajv/dist/2020.js').ErrorObject[] | null;
};

/** schemas/config.schema.json compiled once (strict: a mistake in the schema fails the tests). */
function configValidator(): Promise<ValidateConfig> {
  validator ??= (async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    return ajv.compile(schema) as ValidateConfig;
  })();
  return validator;
}

export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));

function segmentsOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where the value at `path` starts (its key's start when `key`), or its deepest parent that exists. */
function yamlOffset(document: Document, path: readonly string[], key: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) =>
        isScalar(item.key) ? String(item.key.value) === segment : String(item.key) === segment,
      );
      if (!pair) return offset;
      if (key && index === path.length - 1) return rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      node = node.items[Number(segment)];
    } else {
      return offset;
    }
    const start = rangeStart(node);
    if (start === undefined) return offset;
    offset = start;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

function firstLine(message: string): string {
  return (message.split('\n')[0] as string).replace(/ at line \d+, column \d+:?$/, '');
}
