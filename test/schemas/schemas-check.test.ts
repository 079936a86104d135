import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

/** A temporary directory holding the files given; removed after this file's tests. */
const tree = tempTree('schemas-check-');

const BAD = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "id": { "type": "strng" },
    "n": { "minimum": "5" }
  },
  "required": "id"
}
`;

describe('schemas check', () => {
  it('locates every meta-schema error in the schema file, and exits 1', async () => {
    const cwd = tree({ 'bad.json': BAD });
    const result = await runCli(['schemas', 'check', 'bad.json'], { cwd });
    expect(result.stdout).toBe(
      'bad.json:5:21  must be one of "array", "boolean", "integer", "null", "number", "object", "string"  (/properties/id/type)\n' +
        'bad.json:5:21  must be array  (/properties/id/type)\n' +
        'bad.json:5:21  must match a schema in anyOf  (/properties/id/type)\n' +
        'bad.json:6:23  must be number  (/properties/n/minimum)\n' +
        'bad.json:8:15  must be array  (/required)\n' +
        '1 file: 0 valid, 1 invalid, 0 errors\n',
    );
    expect(result.code).toBe(1);
  });

  it('passes valid schemas of every draft, and resolves $refs to sibling files', async () => {
    const cwd = tree({
      'd4.json': JSON.stringify({
        $schema: 'http://json-schema.org/draft-04/schema#',
        properties: { n: { minimum: 1, exclusiveMinimum: true } },
      }),
      'd7.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }),
      'd2019.json': JSON.stringify({ $schema: 'https://json-schema.org/draft/2019-09/schema' }),
      'd2020.json': JSON.stringify({ properties: { user: { $ref: 'defs/user.json' } } }),
      'defs/user.json': JSON.stringify({ type: 'object' }),
    });
    const result = await runCli(
      ['schemas', 'check', 'd4.json', 'd7.json', 'd2019.json', 'd2020.json', '--verbose'],
      { cwd },
    );
    expect(result.stdout).toBe(
      '✓ d4.json  valid: draft-04 meta-schema\n✓ d7.json  valid: draft-07 meta-schema\n' +
        '✓ d2019.json  valid: 2019-09 meta-schema\n✓ d2020.json  valid: 2020-12 meta-schema\n' +
        '4 files: 4 valid, 0 invalid, 0 errors\n',
    );
    expect(result.code).toBe(0);
  });

  it('a draft-04 boolean exclusiveMinimum is refused by a later draft', async () => {
    const cwd = tree({ 's.json': JSON.stringify({ minimum: 1, exclusiveMinimum: true }) });
    const result = await runCli(['schemas', 'check', 's.json'], { cwd });
    expect(result.stdout).toBe(
      's.json:1:33  must be number  (/exclusiveMinimum)\n1 file: 0 valid, 1 invalid, 0 errors\n',
    );
    expect(result.code).toBe(1);
  });

  it('names an unknown $schema at its value, an unresolvable $ref, and a schema that is not one', async () => {
    const cwd = tree({
      'unknown.json': '{"$schema": "https://example.com/mine"}',
      'ref.json': '{"properties": {"a": {"$ref": "defs/x.json"}}}',
      'number.json': '42',
    });
    const result = await runCli(['schemas', 'check', 'unknown.json', 'ref.json', 'number.json'], { cwd });
    expect(result.stdout).toBe(
      'unknown.json:1:13  unknown "$schema" "https://example.com/mine" (use a JSON Schema draft-04, draft-06, draft-07, 2019-09 or 2020-12 meta-schema URI)  (/$schema)\n' +
        'ref.json:1:1  $ref defs/x.json cannot be resolved\n' +
        'number.json:1:1  a schema must be a JSON object or boolean\n' +
        '3 files: 0 valid, 3 invalid, 0 errors\n',
    );
    expect(result.code).toBe(1);
  });

  it('a file that cannot be read or parsed is an error (exit 2), and the others are still checked', async () => {
    const cwd = tree({ 'broken.json': '{"type": "object",}', 'bad.json': BAD });
    const result = await runCli(['schemas', 'check', 'broken.json', 'missing.json', 'bad.json'], { cwd });
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'broken.json:1:18  error trailing comma',
      'missing.json:1:1  error no such file or directory',
    ]);
    expect(result.stdout).toContain('3 files: 0 valid, 1 invalid, 2 errors\n');
    expect(result.code).toBe(2);
  });

  it('reports as JSON, with the summary on stderr', async () => {
    const cwd = tree({ 's.json': '{"type": 5}' });
    const result = await runCli(['schemas', 'check', 's.json', '--format', 'json'], { cwd });
    const report = JSON.parse(result.stdout);
    expect(report.files[0].errors[0]).toEqual({
      pointer: '/type',
      message: 'must be one of "array", "boolean", "integer", "null", "number", "object", "string"',
      keyword: 'enum',
      line: 1,
      column: 10,
    });
    expect(result.stderr).toBe('1 file: 0 valid, 1 invalid, 0 errors\n');
  });

  it('needs a file, and a known format', async () => {
    const none = await runCli(['schemas', 'check']);
    expect(none.stderr).toBe("webhook-cli: missing required argument 'files' (see webhook-cli --help)\n");
    expect(none.code).toBe(2);
    const format = await runCli(['schemas', 'check', 's.json', '--format', 'xml']);
    expect(format.stderr).toBe(
      "webhook-cli: --format: 'xml' is not a format (use text, json, github, junit, sarif)\n",
    );
    expect(format.code).toBe(2);
  });
});
