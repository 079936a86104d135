import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// 100,000 nested arrays: JSON.parse copes, but a recursive schema would recurse once per level
// (error locations are found without recursing: test/validate/locate.test.ts).
const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'validate-deep-'));
  await writeFile(join(cwd, 'deep.json'), deep);
  await writeFile(join(cwd, 'shallow.json'), '[[], [[]]]');
  await writeFile(
    join(cwd, 'tree.schema.json'),
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      items: { $ref: '#' },
    }),
  );
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('validate: a payload nested 100,000 levels deep', () => {
  it('is an error of its own against a recursive schema; the other files are still checked', async () => {
    const result = await runCli(['validate', 'deep.json', 'shallow.json', '--schema', 'tree.schema.json'], {
      cwd,
    });
    expect(result.stdout).toBe(
      'deep.json:1:1  error the payload is nested too deeply to check against this schema\n' +
        '2 files: 1 valid, 0 invalid, 1 error\n',
    );
    expect(result.code).toBe(2);
    const json = await runCli(['validate', 'deep.json', '--schema', 'tree.schema.json', '--format', 'json'], {
      cwd,
    });
    expect(JSON.parse(json.stdout).files[0]).toMatchObject({
      status: 'error',
      errors: [{ keyword: 'depth', line: 1, column: 1 }],
    });
  });

  it('is reported invalid, at line 1, against a schema that does not recurse', async () => {
    const result = await runCli(['validate', 'deep.json', '--schema', 'generic'], { cwd });
    expect(result.stdout).toBe('deep.json:1:1  must be object\n1 file: 0 valid, 1 invalid, 0 errors\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });
});
