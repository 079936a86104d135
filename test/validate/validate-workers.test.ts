import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Worker threads run compiled code only, so this drives the built binary (`npm test` builds first).
const root = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'validate-workers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/webhook-cli.js'), ...args], {
      cwd: work,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('validate with worker threads', () => {
  it('reports the same thing in the same order as a run without workers', async () => {
    writeFileSync(
      join(work, 's.json'),
      JSON.stringify({ required: ['event', 'data'], properties: { data: { type: 'object' } } }),
    );
    mkdirSync(join(work, 'in'));
    for (let n = 0; n < 900; n += 1) {
      const name = join(work, 'in', `p-${String(n).padStart(4, '0')}.json`);
      if (n % 97 === 5) writeFileSync(name, '{"event": ');
      else if (n % 31 === 3) writeFileSync(name, JSON.stringify({ event: 'e', data: [n] }, null, 2));
      else writeFileSync(name, JSON.stringify({ event: 'e', data: { n } }));
    }
    const args = ['validate', 'in', '-', '--schema', 's.json', '--format', 'json'];
    const [inline, threaded] = await Promise.all([
      run(
        { WEBHOOK_CLI_VALIDATE_WORKERS: '0' },
        args.filter((arg) => arg !== '-'),
      ),
      run(
        { WEBHOOK_CLI_VALIDATE_WORKERS: '2' },
        args.filter((arg) => arg !== '-'),
      ),
    ]);
    expect(threaded.stdout).toBe(inline.stdout);
    expect(threaded.code).toBe(2);
    const report = JSON.parse(threaded.stdout);
    expect(report.summary).toEqual({ files: 900, valid: 861, invalid: 29, errors: 10 });
    expect(report.files.map((file: { file: string }) => file.file)).toEqual(
      Array.from({ length: 900 }, (_, n) => `in/p-${String(n).padStart(4, '0')}.json`),
    );
  });

  it('a schema that breaks inside a worker is an error for each payload that needs it, exit 2', async () => {
    mkdirSync(join(work, 'dir'), { recursive: true });
    writeFileSync(join(work, 'dir/a.schema.json'), JSON.stringify({ $ref: 'nowhere.json' }));
    mkdirSync(join(work, 'many'), { recursive: true });
    for (let n = 0; n < 500; n += 1) writeFileSync(join(work, 'many', `${n}.json`), '{"type": "a"}');
    const result = await run({ WEBHOOK_CLI_VALIDATE_WORKERS: '2' }, ['validate', 'many', '--schema', 'dir']);
    expect(result.stderr).toContain('webhook-cli: schema dir/a.schema.json is broken: $ref');
    expect(result.stdout).toContain('500 files: 0 valid, 0 invalid, 500 errors');
    expect(result.code).toBe(2);
  });
});
