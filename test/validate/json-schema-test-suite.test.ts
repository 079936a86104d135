// The official JSON-Schema-Test-Suite (vendored in test/fixtures/json-schema-test-suite) run through
// `webhook-cli validate`: every case's verdict must equal Ajv's, for draft-04, draft-07, 2019-09 and
// 2020-12. To keep it fast, many groups go into one run: each group's schema is `g<n>.schema.json`
// in a schema directory, and each case is a capture (one line of a JSON Lines file) whose `ce-type`
// header names its group, so that one run of main() judges hundreds of cases.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv as AjvCore } from 'ajv';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import Ajv04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { toCaptureDocument } from '../../src/capture/encode-capture.js';
import { runCli } from '../helpers/run-cli.js';

const SUITE = fileURLToPath(new URL('../fixtures/json-schema-test-suite/tests/', import.meta.url));

interface Group {
  description: string;
  schema: unknown;
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

const DRAFTS = [
  { folder: 'draft4', uri: 'http://json-schema.org/draft-04/schema#' },
  { folder: 'draft7', uri: 'http://json-schema.org/draft-07/schema#' },
  { folder: 'draft2019-09', uri: 'https://json-schema.org/draft/2019-09/schema' },
  { folder: 'draft2020-12', uri: 'https://json-schema.org/draft/2020-12/schema' },
] as const;

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: AjvCore,
) => void;

/**
 * The reference: Ajv with ajv-formats and strict mode off, as webhook-cli configures it by default
 * (webhook-cli's other options, `inlineRefs: false` and memoised formats, do not change verdicts).
 */
function referenceAjv(folder: string): AjvCore {
  const options = { strict: false, logger: false as const };
  let ajv: AjvCore;
  if (folder === 'draft4') ajv = new (Ajv04 as unknown as typeof Ajv)(options);
  else if (folder === 'draft7') {
    ajv = new Ajv(options);
    ajv.addMetaSchema(draft06);
  } else if (folder === 'draft2019-09') ajv = new Ajv2019(options);
  else ajv = new Ajv2020(options);
  addFormats(ajv);
  return ajv;
}

/** The draft's `$schema` on a schema that does not name one, since webhook-cli defaults to 2020-12. */
function withDraft(schema: unknown, uri: string): unknown {
  if (typeof schema !== 'object' || schema === null || '$schema' in schema) return schema;
  return { $schema: uri, ...schema };
}

/** Every `$id` / `id` string in a schema: groups that share one cannot be loaded side by side. */
function idsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) idsOf(item, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if ((key === '$id' || key === 'id') && typeof value === 'string') found.add(value.replace(/#$/, ''));
      else idsOf(value, found);
    }
  }
  return found;
}

/** One line of a JSON Lines file: a capture whose `ce-type` header names the case's group. */
function captureLine(group: string, data: unknown): string {
  const document = toCaptureDocument({
    id: 'case',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/',
    headers: [['ce-type', group]],
    body: Buffer.from(JSON.stringify(data)),
  });
  return JSON.stringify(document);
}

interface Case {
  name: string;
  expected: boolean;
  suite: boolean;
}

const root = mkdtempSync(join(tmpdir(), 'jsts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('JSON-Schema-Test-Suite through validate', () => {
  for (const { folder, uri } of DRAFTS) {
    it(`${folder}: every case Ajv compiles gets Ajv's verdict`, async () => {
      const files = readdirSync(join(SUITE, folder))
        .filter((name) => name.endsWith('.json'))
        .sort();
      const excluded: string[] = [];
      const differences: string[] = [];
      let compared = 0;
      let agreeWithSuite = 0;
      // One batch: a schema directory plus a JSON Lines file of captures, with the verdicts expected.
      let batch: { dir: string; ids: Set<string>; lines: string[]; cases: Case[] } | undefined;
      let batches = 0;
      const run = async () => {
        if (!batch) return;
        writeFileSync(join(batch.dir, 'cases.jsonl'), `${batch.lines.join('\n')}\n`);
        const result = await runCli(
          ['validate', 'cases.jsonl', '--schema', 'schemas', '--format', 'json', '--max-errors', '1000000'],
          { cwd: batch.dir },
        );
        const report = JSON.parse(result.stdout) as {
          files: Array<{ errors: Array<{ line: number; keyword: string; message: string }> }>;
        };
        const failing = new Map<number, string>();
        for (const error of report.files[0]!.errors) {
          if (!failing.has(error.line) || error.keyword === 'schema') failing.set(error.line, error.keyword);
          if (error.keyword === 'schema' || error.keyword === 'no-schema') {
            differences.push(`line ${error.line}: webhook-cli refused it: ${error.message}`);
          }
        }
        for (const [index, item] of batch.cases.entries()) {
          const verdict = !failing.has(index + 1);
          compared += 1;
          if (verdict === item.suite) agreeWithSuite += 1;
          if (verdict !== item.expected) {
            differences.push(`${item.name}: webhook-cli ${verdict}, Ajv ${item.expected}`);
          }
        }
        batches += 1;
        batch = undefined;
      };
      const reference = referenceAjv(folder);
      let groupNumber = 0;
      for (const file of files) {
        const groups = JSON.parse(readFileSync(join(SUITE, folder, file), 'utf8')) as Group[];
        for (const [index, group] of groups.entries()) {
          const name = `${file} #${index} ${group.description}`;
          const schema = withDraft(group.schema, uri);
          // The reference keeps its meta-schemas between groups and forgets everything else.
          reference.removeSchema();
          let expected: boolean[];
          try {
            const validate = reference.compile(schema as object);
            expected = group.tests.map((test) => validate(JSON.parse(JSON.stringify(test.data))) as boolean);
          } catch (error) {
            const why = error instanceof RangeError ? 'Ajv overflows its stack' : 'Ajv cannot compile it';
            excluded.push(`${name} (${group.tests.length} cases; ${why})`);
            continue;
          }
          const ids = idsOf(schema);
          if (batch && [...ids].some((id) => batch!.ids.has(id))) await run();
          if (!batch) {
            const dir = join(root, `${folder}-${batches}`);
            mkdirSync(join(dir, 'schemas'), { recursive: true });
            batch = { dir, ids: new Set(), lines: [], cases: [] };
          }
          for (const id of ids) batch.ids.add(id);
          const key = `g${groupNumber++}`;
          writeFileSync(join(batch.dir, 'schemas', `${key}.schema.json`), JSON.stringify(schema));
          for (const [line, test] of group.tests.entries()) {
            batch.lines.push(captureLine(key, test.data));
            batch.cases.push({
              name: `${name} / ${test.description}`,
              expected: expected[line]!,
              suite: test.valid,
            });
          }
        }
      }
      await run();
      expect(differences).toEqual([]);
      expect(compared).toBeGreaterThan(500);
      // The counts, for the record (docs/validate.md quotes them).
      console.log(
        `${folder}: ${compared} cases compared in ${batches} runs (${agreeWithSuite} as the suite expects); ${excluded.length} groups excluded:\n  ${excluded.join('\n  ')}`,
      );
    }, 120_000);
  }
});
