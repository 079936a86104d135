import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { sendJson, startListen } from '../listen/listen-helpers.js';

// `^(a+)+$` against n a's and a `!` backtracks 2^n times in JavaScript's engine: 28 a's took 11 s
// (issue #12), each one more doubles it. With RE2 the whole run takes well under a second.
const EVIL = '^(a+)+$';
const POISON = `${'a'.repeat(30)}!`;
const BOUND_MS = 5_000;

const root = mkdtempSync(join(tmpdir(), 'validate-patterns-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, value: unknown): string {
  writeFileSync(join(root, name), `${JSON.stringify(value, null, 2)}\n`);
  return name;
}

const schema = write('evil.schema.json', {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { name: { type: 'string', pattern: EVIL }, at: { type: 'string', format: 'date-time' } },
  patternProperties: { '^(x+)+$': { type: 'integer' } },
});

describe('schema patterns run in linear time (#12)', () => {
  it('validate: a backtracking pattern, in `pattern` and in `patternProperties`, does not stall', async () => {
    write('poison.json', { name: POISON, [`${'x'.repeat(30)}!`]: 'not checked', at: 'yesterday' });
    write('fine.json', { name: 'aaa', xxx: 1, at: '2026-01-01T00:00:00Z' });
    const started = performance.now();
    const result = await runCli(['validate', 'poison.json', 'fine.json', '--schema', schema], { cwd: root });
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(result.stdout).toBe(
      [
        'poison.json:2:11  must match pattern "^(a+)+$"  (/name)',
        'poison.json:4:9  must match format "date-time"  (/at)',
        '2 files: 1 valid, 1 invalid, 0 errors',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('listen --schema: a poisoned delivery does not hold up the next one', async () => {
    const listener = await startListen(['--schema', join(root, schema), '--max-events', '2', '-q'], {
      cwd: root,
    });
    const started = performance.now();
    const first = await sendJson(listener.url, { name: POISON });
    const second = await sendJson(listener.url, { name: 'aaaa' });
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect([first.status, second.status]).toEqual([200, 200]);
    const result = await listener.done;
    expect(result.stdout).toMatch(/✘ schema 1 error/);
    expect(result.stdout).toMatch(/✔ schema/);
  });

  it('a pattern that needs backtracking (lookahead, backreference) is a broken schema, exit 2', async () => {
    const lookahead = write('lookahead.schema.json', {
      type: 'object',
      properties: { id: { type: 'string', pattern: '^(?!tmp_)\\w+$' } },
    });
    write('id.json', { id: 'tmp_1' });
    const result = await runCli(['validate', 'id.json', '--schema', lookahead], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'webhook-cli: schema lookahead.schema.json is broken: pattern "^(?!tmp_)\\\\w+$" cannot run in linear time (lookahead (?!): schema patterns are checked with RE2, which has no lookahead or backreferences (fix the schema; no payload was judged against it)\n',
    );
  });
});
