import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { ExitCode, UsageError } from '../errors.js';
import { readBoundedStream } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import { createColors } from '../output/colors.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { addToSummary, type ValidateSummary } from '../validate/file-report.js';
import { renderReport, type ValidateFormat } from '../validate/render-report.js';
import {
  BUILTIN_SCHEMAS,
  builtinSchemaPath,
  findBuiltin,
  githubDefinitionName,
  githubEvents,
  githubStandaloneDefinition,
  loadGithubSchema,
} from './builtin-schemas.js';

/** `webhook-cli schemas`: the builtin schemas, as a table or (`--json`) a list. */
export async function runSchemasList(options: { json: boolean }, deps: Deps): Promise<ExitCode> {
  if (options.json) {
    deps.stdout.write(`${JSON.stringify(BUILTIN_SCHEMAS, null, 2)}\n`);
    return ExitCode.ok;
  }
  const width = Math.max(...BUILTIN_SCHEMAS.map((builtin) => builtin.name.length));
  for (const builtin of BUILTIN_SCHEMAS) {
    deps.stdout.write(
      `${builtin.name.padEnd(width)}  ${builtin.description}\n${''.padEnd(width)}  from ${builtin.origin}\n`,
    );
  }
  deps.stderr.write(
    'Show one with `webhook-cli schemas show <name>` (github: `schemas show github:issues.opened`).\n',
  );
  return ExitCode.ok;
}

/**
 * `webhook-cli schemas show <name>`: the schema as JSON. `github` alone prints its events and
 * actions (the whole file is 630 KB); `github:<event>.<action>` prints that definition with the
 * definitions it refers to, as a standalone schema.
 */
export async function runSchemasShow(
  name: string,
  options: { json: boolean },
  deps: Deps,
): Promise<ExitCode> {
  for (const prefix of ['github-community', 'github'] as const) {
    if (name === prefix || name.startsWith(`${prefix}:`)) {
      return showGithub(prefix, name.slice(prefix.length + 1), options, deps);
    }
  }
  if (/\.(ya?ml|json)$/i.test(name)) return showApiDocument(name, options, deps);
  if (!findBuiltin(name)) {
    throw new UsageError(`unknown schema "${name}"`, {
      hint: `builtins: ${BUILTIN_SCHEMAS.map((builtin) => builtin.name).join(', ')}`,
    });
  }
  deps.stdout.write(await readFile(builtinSchemaPath(name), 'utf8'));
  return ExitCode.ok;
}

/** The events of one GitHub source, and each one's schema as a standalone document. */
interface GithubCatalogue {
  origin: string;
  version: string;
  events: Array<[string, string[]]>;
  standalone(eventType: string): { schema: unknown } | { reason: string };
}

async function githubCatalogue(prefix: 'github' | 'github-community'): Promise<GithubCatalogue> {
  const sorted = (events: Iterable<[string, string[]]>) => [...events].sort(([a], [b]) => (a < b ? -1 : 1));
  if (prefix === 'github-community') {
    const schema = await loadGithubSchema();
    return {
      origin: '@octokit/webhooks-schemas',
      version: schema.version,
      events: sorted(githubEvents(schema)),
      standalone(eventType) {
        const found = githubDefinitionName(schema, eventType, undefined);
        return 'reason' in found ? found : { schema: githubStandaloneDefinition(schema, found.name) };
      },
    };
  }
  const { githubOpenApiSchemaName, githubOpenApiStandalone, loadGithubOpenApi } = await import(
    './github-openapi.js'
  );
  const github = await loadGithubOpenApi();
  const events = [...github.events].map(([event, actions]): [string, string[]] => [
    event,
    [...actions.keys()].filter((action) => action !== '' && action !== '*').sort(),
  ]);
  return {
    origin: "GitHub's OpenAPI description, @octokit/openapi-webhooks",
    version: github.version,
    events: sorted(events),
    standalone(eventType) {
      const found = githubOpenApiSchemaName(github, eventType, undefined);
      return 'reason' in found ? found : { schema: githubOpenApiStandalone(github, found.name) };
    },
  };
}

async function showGithub(
  prefix: 'github' | 'github-community',
  eventType: string,
  options: { json: boolean },
  deps: Deps,
): Promise<ExitCode> {
  const catalogue = await githubCatalogue(prefix);
  if (eventType === '') {
    const { events, version } = catalogue;
    if (options.json) {
      deps.stdout.write(`${JSON.stringify({ version, events: Object.fromEntries(events) }, null, 2)}\n`);
      return ExitCode.ok;
    }
    deps.stdout.write(
      `${prefix}: ${events.length} webhook events from ${catalogue.origin} ${version}.\n` +
        `Show one with \`webhook-cli schemas show ${prefix}:<event>.<action>\`, e.g. ${prefix}:issues.opened.\n\n`,
    );
    for (const [event, actions] of events) {
      deps.stdout.write(`${event}${actions.length > 0 ? `: ${actions.join(', ')}` : ''}\n`);
    }
    return ExitCode.ok;
  }
  const found = catalogue.standalone(eventType);
  if ('reason' in found) {
    throw new UsageError(`schemas show ${prefix}:${eventType}: ${found.reason}`, {
      hint: `e.g. ${prefix}:issues.opened or ${prefix}:push; \`webhook-cli schemas show ${prefix}\` lists them`,
    });
  }
  deps.stdout.write(`${JSON.stringify(found.schema, null, 2)}\n`);
  return ExitCode.ok;
}

export interface SchemasCheckOptions {
  inputs: string[];
  format: ValidateFormat;
  verbose: boolean;
  strict: boolean;
}

/**
 * `webhook-cli schemas check <files...>`: each schema against its meta-schema, reported like
 * `validate` (line:column in the schema file). Exit 1 when a schema is invalid, 2 when a file
 * cannot be read or parsed.
 */
export async function runSchemasCheck(options: SchemasCheckOptions, deps: Deps): Promise<ExitCode> {
  if (options.inputs.length === 0) {
    throw new UsageError('schemas check needs at least one schema file or directory', {
      hint: 'e.g. webhook-cli schemas check schemas/',
    });
  }
  const { checkSchemaFiles } = await import('./check-schemas.js');
  const reports = await checkSchemaFiles(options.inputs, {
    cwd: deps.cwd,
    strict: options.strict,
    readStdin: () => readBoundedStream(deps.stdin, '-', DEFAULT_MAX_FILE_BYTES),
  });
  const colors = await createColors(deps.stdout, deps.env);
  const renderer = await renderReport(options.format, { colors, verbose: options.verbose, cwd: deps.cwd });
  const summary: ValidateSummary = { files: 0, valid: 0, invalid: 0, errors: 0 };
  for (const report of reports) {
    addToSummary(summary, report);
    const text = renderer.file(report);
    if (text) deps.stdout.write(text);
  }
  const rest = renderer.end(summary);
  for (const piece of typeof rest === 'string' ? [rest] : rest) deps.stdout.write(piece);
  if (!renderer.summaryInReport)
    deps.stderr.write(renderer.summary(summary, await createColors(deps.stderr, deps.env)));
  if (summary.errors > 0) return ExitCode.usage;
  return summary.invalid > 0 ? ExitCode.checkFailed : ExitCode.ok;
}

/**
 * `webhook-cli schemas show api.yaml`: the payloads an OpenAPI or AsyncAPI document describes, the
 * event types each answers to, and where its schema is in the document.
 */
async function showApiDocument(ref: string, options: { json: boolean }, deps: Deps): Promise<ExitCode> {
  const { describeApiKind, loadApiDocument } = await import('./api-schema-source.js');
  const loaded = await loadApiDocument(ref, resolve(deps.cwd, ref));
  const payloads = loaded.operations.map((operation) => ({
    operation: operation.label,
    eventTypes: operation.names,
    schema: `#/${operation.path.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
  }));
  if (options.json) {
    const kind = describeApiKind(loaded.kind);
    deps.stdout.write(`${JSON.stringify({ document: ref, kind, draft: loaded.draft, payloads }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const safe = escapeTerminalLine;
  deps.stdout.write(
    `${safe(ref)}: ${describeApiKind(loaded.kind)} document, ${payloads.length} payload${payloads.length === 1 ? '' : 's'} (schemas as JSON Schema ${loaded.draft})\n`,
  );
  for (const payload of payloads) {
    deps.stdout.write(
      `\n${safe(payload.operation)}\n  event types: ${payload.eventTypes.map(safe).join(', ')}\n  schema: ${safe(payload.schema)}\n`,
    );
  }
  deps.stderr.write(
    `A payload's event type (--event, or its "type", "event", "event_type" or "topic" field) picks its schema.\n`,
  );
  return ExitCode.ok;
}
