import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// One directory holding every kind of file `validate` cannot check, next to ordinary valid and
// invalid payloads, and a schema directory where one event schema has a `$ref` that resolves
// nowhere. Each bad thing must get its own error while every other file is still judged.
// (test/validate/validate-cli.test.ts covers each input fault alone; this is all of them at once.)

const root = mkdtempSync(join(tmpdir(), 'validate-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BIG = 50 * 1024 * 1024;
const isRoot = process.getuid?.() === 0;
// Reading /proc/self/mem at offset 0 fails with EIO, even for root: a file that errors on read.
const procMem = existsSync('/proc/self/mem');

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** A 50 MB order: one long string field, valid JSON unless `cut`, which leaves the string open. */
function bigOrder(id: number | string, cut: boolean): Buffer {
  const bytes = Buffer.alloc(BIG, 'a');
  const head = Buffer.from(`{"type": "order", "id": ${JSON.stringify(id)}, "note": "`);
  head.copy(bytes, 0);
  if (!cut) Buffer.from('"}\n').copy(bytes, BIG - 3);
  return bytes;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

beforeAll(() => {
  write(
    'schemas/order.schema.json',
    json({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, total: { $ref: 'defs/money.json' } },
    }),
  );
  write('schemas/defs/money.json', json({ type: 'object', required: ['amount', 'currency'] }));
  write(
    'schemas/refund.schema.json',
    json({ type: 'object', properties: { total: { $ref: 'defs/cash.json' } } }),
  );

  write('in/a-valid.json', json({ type: 'order', id: 1, total: { amount: 5, currency: 'EUR' } }));
  write('in/b-invalid.json', json({ type: 'order', id: 'two', total: { amount: 5 } }));
  write('in/c-refund.json', json({ type: 'refund', total: {} }));
  write('in/d-refund.json', json({ type: 'refund' }));
  write(
    'in/binary.json',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  );
  write('in/big-valid.json', bigOrder(3, false));
  write('in/big-cut.json', bigOrder(4, true));
  write('in/nested/e-valid.json', json({ type: 'order', id: 5 }));
  write('in/locked.json', json({ type: 'order', id: 6 }));
  chmodSync(join(root, 'in/locked.json'), 0o000);
  symlinkSync(join(root, 'nowhere.json'), join(root, 'in/dangling.json'));
  symlinkSync('self.json', join(root, 'in/self.json'));
  // A directory symlink to its own parent: walking it would never end.
  symlinkSync('..', join(root, 'in/nested/parent'));
  if (procMem) symlinkSync('/proc/self/mem', join(root, 'in/unreadable.json'));
});

const BROKEN =
  'schema schemas/refund.schema.json is broken: $ref schemas/defs/cash.json cannot be resolved (refer to schema files by relative path or by their $id)';

/** Every file's verdict, as `validate in --schema schemas` reports it in text. */
function expectedLines(): string[] {
  return [
    'in/b-invalid.json:3:9  must be integer  (/id)',
    'in/b-invalid.json:4:12  must have required property "currency"  (/total)',
    'in/big-cut.json:1:36  error unterminated string',
    'in/binary.json:3:1  error binary file (it contains NUL bytes), not JSON',
    `in/c-refund.json:1:1  error ${BROKEN}`,
    `in/d-refund.json:1:1  error ${BROKEN}`,
    'in/dangling.json:1:1  error no such file or directory',
    ...(isRoot ? [] : ['in/locked.json:1:1  error cannot read: permission denied']),
    'in/nested/parent:1:1  error directory loop (a symlink points back to a parent); skipped',
    'in/self.json:1:1  error too many levels of symbolic links (a symlink loop)',
    ...(procMem ? ['in/unreadable.json:1:1  error cannot read: i/o error (EIO)'] : []),
  ];
}

const errorCount = () => 7 + (isRoot ? 0 : 1) + (procMem ? 1 : 0);
// a-valid, big-valid, nested/e-valid, and locked.json when root can read it anyway.
const validCount = () => 3 + (isRoot ? 1 : 0);
const fileCount = () => validCount() + 1 + errorCount();

describe('validate: a directory of faults', () => {
  it('gives each bad file its own error, judges every other file, and exits 2', async () => {
    const started = performance.now();
    const result = await runCli(['validate', 'in', '--schema', 'schemas', '--verbose'], { cwd: root });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => !/^[✓✗] /.test(line))).toEqual([
      ...expectedLines(),
      `${fileCount()} files: ${validCount()} valid, 1 invalid, ${errorCount()} errors`,
    ]);
    // --verbose names the schema of each judged file, a broken one included.
    expect(lines.filter((line) => line.startsWith('✗'))).toEqual([
      '✗ in/b-invalid.json  invalid: schemas/order.schema.json (event type "order" from body "type")',
      '✗ in/c-refund.json  error: schemas/refund.schema.json (event type "refund" from body "type")',
      '✗ in/d-refund.json  error: schemas/refund.schema.json (event type "refund" from body "type")',
    ]);
    // --verbose lists the valid files: the 50 MB one, and the one behind a directory loop.
    expect(lines.filter((line) => line.startsWith('✓')).map((line) => line.split('  ')[0])).toEqual([
      '✓ in/a-valid.json',
      '✓ in/big-valid.json',
      ...(isRoot ? ['✓ in/locked.json'] : []),
      '✓ in/nested/e-valid.json',
    ]);
    // The broken schema is named once on stderr, however many payloads need it.
    expect(result.stderr).toBe(
      `schema schemas: 2 event schemas (order, refund)\nwebhook-cli: ${BROKEN}; every payload that needs it is an error\n`,
    );
    expect(result.code).toBe(2);
    // Two 50 MB files among them: still well within a test's time.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('--format json: one entry per file, in order, and the counts add up', async () => {
    const result = await runCli(['validate', 'in', '--schema', 'schemas', '--format', 'json'], {
      cwd: root,
    });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      files: Array<{
        file: string;
        status: string;
        schema: string | null;
        errors: Array<{ keyword: string }>;
      }>;
      summary: Record<string, number>;
    };
    const byStatus = (status: string) => report.files.filter((file) => file.status === status).length;
    expect(report.summary).toEqual({
      files: fileCount(),
      valid: validCount(),
      invalid: 1,
      errors: errorCount(),
    });
    expect(report.files).toHaveLength(report.summary.files!);
    expect([byStatus('valid'), byStatus('invalid'), byStatus('error')]).toEqual([
      report.summary.valid,
      report.summary.invalid,
      report.summary.errors,
    ]);
    const status = Object.fromEntries(report.files.map((file) => [file.file, file.status]));
    expect(status).toMatchObject({
      'in/a-valid.json': 'valid',
      'in/b-invalid.json': 'invalid',
      'in/big-valid.json': 'valid',
      'in/big-cut.json': 'error',
      'in/c-refund.json': 'error',
      'in/nested/e-valid.json': 'valid',
      'in/nested/parent': 'error',
    });
    const refund = report.files.find((file) => file.file === 'in/c-refund.json')!;
    expect(refund.schema).toBe('schemas/refund.schema.json');
    expect(refund.errors.map((error) => error.keyword)).toEqual(['schema']);
    expect(result.stderr).toContain(`webhook-cli: ${BROKEN}`);
    expect(result.stderr).toContain(
      `${fileCount()} files: ${validCount()} valid, 1 invalid, ${errorCount()} errors\n`,
    );
  });

  it('--format junit: a testsuite per file, failures for invalid data, errors for the rest', async () => {
    const result = await runCli(['validate', 'in', '--schema', 'schemas', '--format', 'junit'], {
      cwd: root,
    });
    expect(result.code).toBe(2);
    const suites = [
      ...result.stdout.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)">/g),
    ];
    expect(suites).toHaveLength(fileCount());
    const sum = (index: number) => suites.reduce((total, match) => total + Number(match[index]), 0);
    // b-invalid has two schema errors; every error file one error each.
    expect(sum(3)).toBe(2);
    expect(sum(4)).toBe(errorCount());
    expect(sum(2)).toBe(validCount() + 2 + errorCount());
    expect(result.stdout).toContain(
      `<testsuites name="webhook-cli validate" tests="${sum(2)}" failures="2" errors="${errorCount()}">`,
    );
    expect((result.stdout.match(/<failure /g) ?? []).length).toBe(2);
    expect((result.stdout.match(/<error /g) ?? []).length).toBe(errorCount());
    expect(result.stdout).toContain('<error message="schema schemas/refund.schema.json is broken: $ref');
  });

  it('a broken schema given alone still stops the run before any payload is judged', async () => {
    const result = await runCli(['validate', 'in/a-valid.json', '--schema', 'schemas/refund.schema.json'], {
      cwd: root,
    });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`webhook-cli: ${BROKEN}\n`);
    expect(result.code).toBe(2);
  });
});
