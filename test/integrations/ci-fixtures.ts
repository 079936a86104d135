import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { parse } from 'yaml';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'bin', 'webhook-cli.js');
export const packageVersion: string = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version;

const made: string[] = [];

/** A new temporary directory, removed when the test file that made it ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes files (path relative to dir -> text) and returns dir. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export const ORDER_SCHEMA = `${JSON.stringify(
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['type', 'data'],
    properties: {
      type: { const: 'order.created' },
      data: {
        type: 'object',
        required: ['id', 'total'],
        properties: { id: { type: 'string' }, total: { type: 'integer' } },
      },
    },
  },
  null,
  2,
)}\n`;

export const VALID_ORDER = '{\n  "type": "order.created",\n  "data": { "id": "ord_1", "total": 1200 }\n}\n';
// total is a string: one error at line 3, column 37.
export const INVALID_ORDER =
  '{\n  "type": "order.created",\n  "data": { "id": "ord_2", "total": "12.00" }\n}\n';

/** The project the docs' examples are written for: payloads/ checked against schemas/. */
export async function payloadProject(extra: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('ci-project-');
  return writeTree(dir, {
    'schemas/order.created.schema.json': ORDER_SCHEMA,
    'payloads/ok.json': VALID_ORDER,
    'payloads/bad.json': INVALID_ORDER,
    ...extra,
  });
}

/** A directory holding one executable bash script named `name`. */
export async function fakeProgram(name: string, body: string): Promise<string> {
  const bin = await tempDir(`fake-${name}-`);
  await writeFile(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
  await chmod(join(bin, name), 0o755);
  return bin;
}

/**
 * A directory holding a fake `npx` that logs its arguments and runs this
 * checkout's CLI when asked for `--yes webhook-cli@<version>`: webhook-cli may not be published, and
 * this way a test still sees the exact command line an example or the action runs.
 */
export async function fakeNpx(): Promise<{ bin: string; log: () => Promise<string[]> }> {
  const logFile = join(await tempDir('npx-log-'), 'npx.log');
  await writeFile(logFile, '');
  const bin = await fakeProgram(
    'npx',
    [
      `printf '%s\\n' "$*" >> ${JSON.stringify(logFile)}`,
      'if [[ $1 != --yes || $2 != webhook-cli@* ]]; then echo "fake npx: unexpected arguments: $*" >&2; exit 97; fi',
      'shift 2',
      `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"`,
    ].join('\n'),
  );
  return {
    bin,
    log: async () => (await readFile(logFile, 'utf8')).split('\n').filter((line) => line !== ''),
  };
}

/** The environment of a CI job: no colours, nothing inherited but PATH and HOME. */
export function jobEnv(extra: NodeJS.ProcessEnv = {}, pathFirst?: string): NodeJS.ProcessEnv {
  const path = [pathFirst, dirname(process.execPath), process.env.PATH].filter(Boolean).join(':');
  return { PATH: path, HOME: process.env.HOME, CI: 'true', ...extra };
}

/** The text of the fenced block that follows `<!-- example: name -->` in a docs page. */
export async function docExample(page: string, name: string): Promise<string> {
  const text = await readFile(join(root, 'docs', page), 'utf8');
  const marker = `<!-- example: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/${page} has no ${marker}`);
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`docs/${page}: no code block after ${marker}`);
  return `${block[1]}\n`;
}

export function parseYaml<T = unknown>(text: string): T {
  return parse(text) as T;
}
