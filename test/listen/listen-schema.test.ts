import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { send, sendJson, startListen } from './listen-helpers.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;

async function orderSchemaDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'listen-schema-'));
  await writeFile(
    join(dir, 'order.created.schema.json'),
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['type', 'order'],
      properties: {
        type: { const: 'order.created' },
        order: {
          type: 'object',
          required: ['id', 'total'],
          properties: { id: { type: 'string' }, total: { type: 'number', minimum: 0 } },
        },
      },
    }),
  );
  return dir;
}

describe('listen --schema', () => {
  it('validates each delivery against the schema chosen by its event type and shows the errors under it', async () => {
    const dir = await orderSchemaDir();
    const listener = await startListen(['--schema', dir, '--max-events', '3'], { cwd: dir });
    expect(listener.deps.stderr.text()).toMatch(/validating /);
    await sendJson(listener.url, { type: 'order.created', order: { id: 'o_1', total: 12.5 } });
    await sendJson(listener.url, { type: 'order.created', order: { id: 7, total: -1 } });
    await sendJson(listener.url, { type: 'order.refunded', order: {} });
    const result = await listener.done;
    const [valid, invalid, unknown] = result.stdout
      .split('\n')
      .filter((line) => /^\d\d:\d\d:\d\d/.test(line));
    expect(valid).toMatch(/order\.created .*✔ schema {2}→ 200/);
    expect(invalid).toMatch(/order\.created .*✘ schema 2 errors {2}→ 200/);
    expect(result.stdout).toMatch(
      / {2}schema .*order\.created.*:\n {4}\/order\/id .*string.*\n {4}\/order\/total .*>= 0/,
    );
    expect(unknown).toMatch(/order\.refunded .*✘ schema: none chosen/);
    expect(result.stdout).toMatch(/\n {2}no schema chosen: .*order\.refunded/);
    expect(result.stderr).toContain('schema     1 valid, 1 invalid, 1 without a schema');
    expect(result.code).toBe(1);
  });

  it('answers 422 with the errors under --reject-invalid, and reports them in --json', async () => {
    const dir = await orderSchemaDir();
    const listener = await startListen(['--schema', dir, '--reject-invalid', '--json', '--max-events', '2'], {
      cwd: dir,
    });
    const good = await sendJson(listener.url, { type: 'order.created', order: { id: 'o_1', total: 1 } });
    const bad = await sendJson(listener.url, { type: 'order.created', order: { id: 'o_2' } });
    expect(good.status).toBe(200);
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body.toString())).toMatchObject({
      error: 'invalid payload',
      errors: [{ pointer: '/order', message: expect.stringContaining('total') }],
    });
    const result = await listener.done;
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0].validation).toEqual({
      schema: expect.stringContaining('order.created'),
      ok: true,
      errors: [],
    });
    expect(lines[1].validation).toMatchObject({ ok: false, errors: [{ pointer: '/order' }] });
    expect(lines[1].response).toEqual({ status: 422 });
  });

  it("validates GitHub's own example payloads against the builtin github schemas, form-encoded too", async () => {
    const issues = examples.find((entry) => entry.name === 'issues')?.examples ?? [];
    const opened = issues.find((example) => example.action === 'opened') as Record<string, unknown>;
    const listener = await startListen(['--schema', 'github', '--max-events', '3', '-q']);
    await sendJson(listener.url, opened, { 'X-GitHub-Event': 'issues' });
    const form = `payload=${encodeURIComponent(JSON.stringify(opened))}`;
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-github-event': 'issues' },
      body: form,
    });
    const broken = structuredClone(opened) as { issue: Record<string, unknown> };
    delete broken.issue.number;
    await sendJson(listener.url, broken, { 'X-GitHub-Event': 'issues' });
    const result = await listener.done;
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/issues\.opened .*✔ schema/);
    expect(lines[1]).toMatch(/issues\.opened .*✔ schema/);
    expect(lines[2]).toMatch(/issues\.opened .*✘ schema \d+ errors?/);
    expect(result.code).toBe(1);
  });

  it('validates as --event, whatever the headers and body say', async () => {
    const dir = await orderSchemaDir();
    const listener = await startListen(
      ['--schema', dir, '--event', 'order.created', '--max-events', '1', '--json'],
      {
        cwd: dir,
      },
    );
    expect(listener.deps.stderr.text()).toContain('as event order.created');
    await sendJson(listener.url, { type: 'something.else', order: { id: 'o_1', total: 3 } });
    const result = await listener.done;
    const line = JSON.parse(result.stdout);
    expect(line.event).toBe('order.created');
    expect(line.validation.errors).toEqual([{ pointer: '/type', message: 'must be "order.created"' }]);
  });

  it('refuses a schema that cannot be loaded before listening (exit 2)', async () => {
    const result = await runCli(['listen', '-p', '0', '--schema', 'missing.schema.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^webhook-cli: .*missing\.schema\.json/);
    expect(result.stderr).not.toContain('Listening on');
  });
});

describe('listen --schema with the validator cache', () => {
  /** The cache's entries: name → contents. */
  const entries = (cache: string) => {
    const dir = join(cache, 'validators');
    if (!existsSync(dir)) return {};
    return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  };
  const runOnce = async (dir: string, args: string[], env: Record<string, string> = {}) => {
    const listener = await startListen(['--schema', dir, '--max-events', '2', '--json', ...args], {
      cwd: dir,
      env,
    });
    await sendJson(listener.url, { type: 'order.created', order: { id: 'o_1', total: 3 } });
    await sendJson(listener.url, { type: 'order.created', order: { id: 7, total: 3 } });
    const result = await listener.done;
    return {
      ...result,
      verdicts: result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).validation.ok),
    };
  };

  it('keeps the validators it compiled for the next run (--cache-dir), which loads them', async () => {
    const dir = await orderSchemaDir();
    const first = await runOnce(dir, ['--cache-dir', 'cache']);
    expect([first.code, first.verdicts]).toEqual([1, [true, false]]);
    const kept = entries(join(dir, 'cache'));
    expect(Object.keys(kept).some((name) => name.endsWith('.js'))).toBe(true);
    const second = await runOnce(dir, ['--cache-dir', 'cache']);
    expect([second.code, second.verdicts, second.stderr]).toEqual([
      1,
      [true, false],
      expect.not.stringContaining('warning'),
    ]);
    // Loaded, not compiled again: the same entries, and V8's code cache of them, which is made only
    // for an entry that was loaded from the cache and run.
    const after = entries(join(dir, 'cache'));
    const js = (all: Record<string, string>) => Object.entries(all).filter(([name]) => name.endsWith('.js'));
    expect(js(after)).toEqual(js(kept));
    expect(Object.keys(after).some((name) => name.endsWith('.v8'))).toBe(true);
  });

  it('uses the cache directory the environment names by default, and none with --no-cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-cache-'));
    const schemas = await orderSchemaDir();
    await runOnce(schemas, ['--no-cache'], { WEBHOOK_CLI_CACHE_DIR: dir });
    expect(entries(dir)).toEqual({});
    await runOnce(schemas, [], { WEBHOOK_CLI_CACHE_DIR: dir });
    expect(Object.keys(entries(dir)).length).toBeGreaterThan(0);
  });

  it('a cache that cannot be written: one warning, and deliveries are still checked', async () => {
    const dir = await orderSchemaDir();
    writeFileSync(join(dir, 'not-a-dir'), '');
    const result = await runOnce(dir, ['--cache-dir', 'not-a-dir']);
    expect(result.verdicts).toEqual([true, false]);
    expect(result.stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([
      `webhook-cli: warning: the validator cache ${join(dir, 'not-a-dir')} cannot be written (not a directory); schemas are compiled on every run (--cache-dir <dir> to move it, --no-cache to skip it)`,
    ]);
  });

  it('refuses --cache-dir with --no-cache (exit 2)', async () => {
    const result = await runCli(['listen', '-p', '0', '--cache-dir', 'c', '--no-cache']);
    expect([result.code, result.stderr]).toEqual([
      2,
      'webhook-cli: --cache-dir and --no-cache contradict each other (pick one)\n',
    ]);
  });
});
