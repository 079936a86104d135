import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run-process.js';
import { manifest, runAction } from './action-runner.js';
import {
  docExample,
  fakeNpx,
  jobEnv,
  packageVersion,
  parseYaml,
  payloadProject,
  VALID_ORDER,
} from './ci-fixtures.js';

// The copy-paste examples of docs/ci.md, run here as far as a machine without GitHub or GitLab can:
// `npx --yes webhook-cli@<version>` is a fake that records the command and runs this checkout's CLI.

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { uses?: string; if?: string; with?: Record<string, string | number> }[] }>;
}

describe('docs/ci.md', () => {
  it('GitHub Actions: the workflow runs the action and uploads the SARIF file it wrote', async () => {
    const workflow = parseYaml<Workflow>(await docExample('ci.md', 'github-workflow'));
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
    const ours = steps.find((step) => step.uses?.startsWith('OWNER/webhook-cli@'));
    expect(ours?.uses).toBe(`OWNER/webhook-cli@v${packageVersion}`);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toBe('success() || failure()');
    const inputs = Object.fromEntries(
      Object.entries(ours?.with ?? {}).map(([name, value]) => [name, String(value)]),
    );
    for (const name of Object.keys(inputs)) expect(Object.keys(manifest.inputs)).toContain(name);

    const cwd = await payloadProject();
    const npx = await fakeNpx();
    const result = await runAction(inputs, { cwd, env: jobEnv({}, npx.bin) });
    expect(result.code).toBe(1);
    expect(result.log).toContain(
      '::error file=payloads/bad.json,line=3,col=37,title=schema%3A type::must be integer (/data/total)',
    );
    const sarif = JSON.parse(await readFile(join(cwd, String(upload?.with?.sarif_file)), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(await npx.log()).toContain(
      `--yes webhook-cli@${packageVersion} validate payloads/ --schema schemas/ --format sarif -o webhook-cli.sarif`,
    );
  });

  it('GitLab CI: the job fails on an invalid payload and leaves the JUnit report it names', async () => {
    const config = parseYaml<
      Record<
        string,
        { image: string; script: string[]; artifacts: { when: string; reports: { junit: string } } }
      >
    >(await docExample('ci.md', 'gitlab-ci'));
    const job = config['validate-webhook-payloads'];
    expect(job?.image).toBe('node:20');
    expect(job?.artifacts.when).toBe('always');
    const cwd = await payloadProject();
    const npx = await fakeNpx();
    // GitLab runs the script lines in one shell and stops at the first that fails.
    const result = await run('bash', ['-e', '-c', (job?.script ?? []).join('\n')], {
      cwd,
      env: jobEnv({}, npx.bin),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('2 files: 1 valid, 1 invalid, 0 errors\n');
    const junit = await readFile(join(cwd, job?.artifacts.reports.junit as string), 'utf8');
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(junit).toContain('must be integer');
    expect(junit.match(/<failure /g)).toHaveLength(1);
    expect(await npx.log()).toEqual([
      `--yes webhook-cli@${packageVersion} validate payloads/ --schema schemas/ --format junit -o webhook-cli-junit.xml`,
    ]);
  });

  it('a shell step: exit 0, 1 or 2 with a line that says which', async () => {
    const script = await docExample('ci.md', 'shell');
    const npx = await fakeNpx();
    const cases: [Record<string, string>, number, string, string][] = [
      [
        { 'payloads/bad.json': VALID_ORDER },
        0,
        'webhook payloads: all valid\n',
        '2 files: 2 valid, 0 invalid, 0 errors\n',
      ],
      [
        {},
        1,
        '',
        '2 files: 1 valid, 1 invalid, 0 errors\n' +
          'webhook payloads: some do not match their schema (webhook-cli-report.json has the errors)\n',
      ],
      [
        { 'payloads/broken.json': '{ "type": ' },
        2,
        '',
        '3 files: 1 valid, 1 invalid, 1 error\n' +
          'webhook payloads: could not be checked (exit 2): a file or a schema is broken\n',
      ],
    ];
    for (const [files, code, stdout, stderr] of cases) {
      const cwd = await payloadProject(files);
      const result = await run('bash', ['-c', script], { cwd, env: jobEnv({}, npx.bin) });
      expect(result.code).toBe(code);
      expect(result.stdout).toBe(stdout);
      expect(result.stderr).toBe(stderr);
      const report = JSON.parse(await readFile(join(cwd, 'webhook-cli-report.json'), 'utf8'));
      expect(report.summary.files).toBe(code === 2 ? 3 : 2);
    }
  });

  it('names the version of this release in every example', async () => {
    for (const name of ['gitlab-ci', 'shell']) {
      const text = await docExample('ci.md', name);
      expect(text.match(/webhook-cli@[^\s]+/g)).toEqual([`webhook-cli@${packageVersion}`]);
    }
  });
});
