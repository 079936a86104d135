import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest, parseOutputFile, runAction } from './action-runner.js';
import {
  cliPath,
  fakeNpx,
  fakeProgram,
  jobEnv,
  packageVersion,
  payloadProject,
  root,
} from './ci-fixtures.js';

// The action's step runs this checkout's built CLI (`npm test` builds before vitest runs).
const local = jobEnv({ WEBHOOK_CLI_COMMAND: `${process.execPath} ${cliPath}` });
const counts = (files: number, valid: number, invalid: number, errors: number) => [
  '| files | valid | invalid | errors |',
  '| ---: | ---: | ---: | ---: |',
  `| ${files} | ${valid} | ${invalid} | ${errors} |`,
];
const TABLE_HEAD = ['| file | line:col | pointer | keyword | message |', '| --- | --- | --- | --- | --- |'];

describe('action.yml', () => {
  it('is a composite action with the inputs of issue #19, each passed to the step that runs action/validate.sh', () => {
    expect(existsSync(join(root, 'dist', 'main.js'))).toBe(true);
    expect(manifest.runs.using).toBe('composite');
    expect(Object.keys(manifest.inputs)).toEqual([
      'files',
      'schema',
      'event',
      'format',
      'sarif-file',
      'version',
      'summary-errors',
    ]);
    expect(manifest.inputs.format?.default).toBe('github');
    expect(manifest.inputs['summary-errors']?.default).toBe('20');
    const [step, ...more] = manifest.runs.steps;
    expect(more).toEqual([]);
    expect(step?.run).toBe('bash "$GITHUB_ACTION_PATH/action/validate.sh"');
    const passed = Object.values(step?.env ?? {});
    for (const name of Object.keys(manifest.inputs)) expect(passed).toContain(`\${{ inputs.${name} }}`);
    expect(Object.keys(manifest.outputs)).toEqual([
      'exit-code',
      'files',
      'valid',
      'invalid',
      'errors',
      'report',
      'sarif-file',
    ]);
  });

  it('passes: exit 0, the counts in the job summary and the outputs', async () => {
    const cwd = await payloadProject({
      'payloads/bad.json': '{"type":"order.created","data":{"id":"b","total":1}}',
    });
    const result = await runAction({ files: 'payloads/', schema: 'schemas/' }, { cwd, env: local });
    expect(result.code).toBe(0);
    expect(result.log).toBe('2 files: 2 valid, 0 invalid, 0 errors\n');
    expect(result.stderr).toBe('');
    expect(result.summary).toBe(
      ['### ✅ webhook-cli validate: all 2 files valid', '', ...counts(2, 2, 0, 0), ''].join('\n'),
    );
    expect(result.outputs).toEqual({
      'exit-code': '0',
      files: '2',
      valid: '2',
      invalid: '0',
      errors: '0',
      report: expect.stringMatching(/webhook-cli\.\w+\/report\.json$/),
      'sarif-file': '',
    });
    const report = JSON.parse(await readFile(result.outputs.report as string, 'utf8'));
    expect(report.summary).toEqual({ files: 2, valid: 2, invalid: 0, errors: 0 });
  });

  it('fails the step with exit 1 on an invalid payload: annotations in the log, the error in the summary', async () => {
    const cwd = await payloadProject();
    const result = await runAction({ files: 'payloads/', schema: 'schemas/' }, { cwd, env: local });
    expect(result.code).toBe(1);
    expect(result.log).toBe(
      [
        '::error file=payloads/bad.json,line=3,col=37,title=schema%3A type::must be integer (/data/total)',
        'payloads/bad.json:3:37  must be integer  (/data/total)',
        '2 files: 1 valid, 1 invalid, 0 errors',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate: 1 invalid in 2 files',
        '',
        ...counts(2, 1, 1, 0),
        '',
        ...TABLE_HEAD,
        '| payloads\\/bad\\.json | 3:37 | \\/data\\/total | type | must be integer |',
        '',
      ].join('\n'),
    );
    expect(result.outputs).toMatchObject({
      'exit-code': '1',
      files: '2',
      valid: '1',
      invalid: '1',
      errors: '0',
    });
  });

  it('writes SARIF to sarif-file, and takes files and schemas one per line and an event', async () => {
    const cwd = await payloadProject({
      'more/untyped.json': '{ "data": { "id": "u", "total": 5 } }\n',
      'more/other.json': '{ "data": { "id": 7, "total": 5 } }\n',
    });
    const result = await runAction(
      {
        files: '  payloads/ok.json\n\n payloads/bad.json  \n more/*.json\n',
        schema: 'schemas/\nstandard-webhooks\n',
        event: 'order.created',
        'sarif-file': 'out/webhook-cli.sarif',
        format: 'text',
      },
      { cwd, env: local },
    );
    expect(result.code).toBe(1);
    // --event order.created gives the untyped payloads a schema, which then misses their 'type'.
    expect(result.log).toBe(
      [
        'payloads/bad.json:3:37  must be integer  (/data/total)',
        'more/other.json:1:1  must have required property "type"',
        'more/other.json:1:19  must be string  (/data/id)',
        'more/untyped.json:1:1  must have required property "type"',
        '4 files: 1 valid, 3 invalid, 0 errors',
        '',
      ].join('\n'),
    );
    expect(result.outputs).toMatchObject({
      'exit-code': '1',
      files: '4',
      valid: '1',
      invalid: '3',
      errors: '0',
    });
    expect(result.outputs['sarif-file']).toBe('out/webhook-cli.sarif');
    const sarif = JSON.parse(await readFile(join(cwd, 'out', 'webhook-cli.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.map(
        (r: {
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }) =>
          `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`,
      ),
    ).toEqual(['payloads/bad.json:3', 'more/other.json:1', 'more/other.json:1', 'more/untyped.json:1']);
  });

  it('lists summary-errors errors in the summary and says how many more there are', async () => {
    const cwd = await payloadProject({
      'payloads/worse.json': '{ "type": "order.created", "data": { "id": 1, "total": "x" } }\n',
    });
    const result = await runAction(
      { files: 'payloads/', schema: 'schemas/', 'summary-errors': '2' },
      { cwd, env: local },
    );
    expect(result.code).toBe(1);
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate: 2 invalid in 3 files',
        '',
        ...counts(3, 1, 2, 0),
        '',
        ...TABLE_HEAD,
        '| payloads\\/bad\\.json | 3:37 | \\/data\\/total | type | must be integer |',
        '| payloads\\/worse\\.json | 1:44 | \\/data\\/id | type | must be string |',
        '',
        'The first 2 of 3 errors; the step’s log has every one.',
        '',
      ].join('\n'),
    );
  });

  it('makes paths and payload keys inert in the summary table (no cell break, no HTML, no Markdown)', async () => {
    const cwd = await payloadProject({
      'payloads/a|b <img src=x>.json':
        '{ "type": "order.created", "data": { "id": "i", "total": 1, "*`|<b>\\n": 2 } }\n',
      'strict.schema.json': JSON.stringify({
        type: 'object',
        properties: {
          data: { type: 'object', additionalProperties: false, properties: { id: {}, total: {} } },
        },
      }),
    });
    const result = await runAction(
      { files: 'payloads/a|b <img src=x>.json', schema: 'strict.schema.json' },
      { cwd, env: local },
    );
    expect(result.code).toBe(1);
    const row = result.summary.split('\n').find((line) => line.startsWith('| payloads'));
    // The CLI escapes the newline already (\u000a in the pointer, \n in the message); the backslash is escaped too.
    expect(row).toBe(
      String.raw`| payloads\/a\|b \<img src\=x\>\.json | 1:61 | \/data\/\*\`\|\<b\>\\u000a | additionalProperties | ` +
        String.raw`must NOT have additional property \"\*\`\|\<b\>\\n\" |`,
    );
    // Six pipes that GitHub's table parser sees: every other one is escaped.
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(6);
  });

  it('exit 2 on a broken schema: no report, so the summary shows what the CLI said, HTML-escaped', async () => {
    const cwd = await payloadProject({ 'broken<1>.json': '{ "type": "object", ' });
    const result = await runAction({ files: 'payloads/', schema: 'broken<1>.json' }, { cwd, env: local });
    expect(result.code).toBe(2);
    const said =
      'webhook-cli: schema broken<1>.json is broken: not valid JSON at line 1 column 21: unexpected end of file (fix the schema; no payload was judged against it)';
    expect(result.stderr).toBe(`${said}\n`);
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate could not check the files (exit 2)',
        '',
        '<pre>',
        said.replace('<', '&lt;').replace('>', '&gt;'),
        '</pre>',
        '',
      ].join('\n'),
    );
    expect(result.outputs).toMatchObject({ 'exit-code': '2', files: '', report: '' });
  });

  it('exit 2 when a schema of a directory is broken: the payloads that need it are errors, and the summary quotes the CLI', async () => {
    const cwd = await payloadProject({
      'schemas/order.schema.json':
        '{ "type": "object", "properties": { "data": { "$ref": "missing.json" } } }\n',
      'payloads/updated.json': '{ "type": "order.updated", "data": {} }\n',
    });
    const result = await runAction({ files: 'payloads/', schema: 'schemas/' }, { cwd, env: local });
    expect(result.code).toBe(2);
    const said =
      'webhook-cli: schema schemas/order.schema.json is broken: $ref schemas/missing.json cannot be resolved (refer to schema files by relative path or by their $id)';
    expect(result.stderr).toBe(`${said}; every payload that needs it is an error\n`);
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate: 1 invalid, 1 error in 3 files',
        '',
        ...counts(3, 1, 1, 1),
        '',
        ...TABLE_HEAD,
        '| payloads\\/bad\\.json | 3:37 | \\/data\\/total | type | must be integer |',
        String.raw`| payloads\/updated\.json | 1:1 |  | schema | schema schemas\/order\.schema\.json is broken\: \$ref ` +
          String.raw`schemas\/missing\.json cannot be resolved \(refer to schema files by relative path or by their \$id\) |`,
        '',
        'Messages:',
        '',
        '<pre>',
        `${said}; every payload that needs it is an error`,
        '</pre>',
        '',
      ].join('\n'),
    );
  });

  it('exit 2 on a format the CLI does not have, with its message in the summary', async () => {
    const cwd = await payloadProject();
    const result = await runAction(
      { files: 'payloads/', schema: 'schemas/', format: 'markdown' },
      { cwd, env: local },
    );
    expect(result.code).toBe(2);
    const said = "webhook-cli: --format: 'markdown' is not a format (use text, json, github, junit, sarif)";
    expect(result.stderr).toBe(`${said}\n`);
    // The JSON run still worked, so the summary has the counts, and the outputs the exit code 2.
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate: 1 invalid in 2 files',
        '',
        ...counts(2, 1, 1, 0),
        '',
        ...TABLE_HEAD,
        '| payloads\\/bad\\.json | 3:37 | \\/data\\/total | type | must be integer |',
        '',
      ].join('\n'),
    );
    expect(result.outputs['exit-code']).toBe('2');
  });

  it('exit 2 with an annotation when files or schema is empty, or an input is malformed', async () => {
    const cwd = await payloadProject();
    const cases: [Record<string, string>, string][] = [
      [
        { files: ' \n ', schema: 'schemas/' },
        'the files input is empty: give the payload files, directories or globs to check, one per line',
      ],
      [
        { files: 'payloads/', schema: '' },
        'the schema input is empty: give schema files, directories or builtin names (github, stripe, standard-webhooks, cloudevents, generic), one per line',
      ],
      [
        { files: 'payloads/', schema: 'schemas/', 'summary-errors': 'ten' },
        'summary-errors must be a whole number (the errors listed in the job summary)',
      ],
      [
        { files: 'payloads/', schema: 'schemas/', version: '1.0 && curl' },
        'version must be an npm version, range or tag of webhook-cli, such as 0.1.0, ^0.1 or latest',
      ],
    ];
    for (const [inputs, message] of cases) {
      const env = 'version' in inputs ? jobEnv() : local;
      const result = await runAction(inputs, { cwd, env });
      expect(result.code).toBe(2);
      expect(result.log).toBe(`::error title=webhook-cli action::${message}\n`);
      expect(result.summary).toBe(`### ❌ webhook-cli validate did not run\n\n${message}\n`);
      expect(result.outputs['exit-code']).toBe('2');
    }
  });

  it('runs `npx --yes webhook-cli@<version of this release>` by default, or the version input', async () => {
    const cwd = await payloadProject();
    const npx = await fakeNpx();
    const byDefault = await runAction(
      { files: 'payloads/', schema: 'schemas/', 'sarif-file': 'r.sarif' },
      {
        cwd,
        env: jobEnv({}, npx.bin),
      },
    );
    expect(byDefault.code).toBe(1);
    expect(byDefault.outputs).toMatchObject({ 'exit-code': '1', invalid: '1' });
    const pinned = await runAction(
      { files: 'payloads/', schema: 'schemas/', version: 'latest' },
      {
        cwd,
        env: jobEnv({}, npx.bin),
      },
    );
    expect(pinned.code).toBe(1);
    const report = pinned.outputs.report as string;
    expect(await npx.log()).toEqual([
      `--yes webhook-cli@${packageVersion} validate payloads/ --schema schemas/ --format github`,
      `--yes webhook-cli@${packageVersion} validate payloads/ --schema schemas/ --format json -o ${byDefault.outputs.report}`,
      `--yes webhook-cli@${packageVersion} validate payloads/ --schema schemas/ --format sarif -o r.sarif`,
      '--yes webhook-cli@latest validate payloads/ --schema schemas/ --format github',
      `--yes webhook-cli@latest validate payloads/ --schema schemas/ --format json -o ${report}`,
    ]);
  });

  it('says in the summary when the CLI could not be started (npx exits 1 without a report)', async () => {
    const cwd = await payloadProject();
    const failing = await fakeProgram(
      'npx',
      'echo "npm error 404 Not Found - GET https://registry.npmjs.org/webhook-cli - Not found" >&2\nexit 1',
    );
    const result = await runAction(
      { files: 'payloads/', schema: 'schemas/' },
      { cwd, env: jobEnv({}, failing) },
    );
    expect(result.code).toBe(1);
    expect(result.summary).toBe(
      [
        '### ❌ webhook-cli validate could not check the files (exit 1)',
        '',
        '<pre>',
        'npm error 404 Not Found - GET https://registry.npmjs.org/webhook-cli - Not found',
        '</pre>',
        '',
      ].join('\n'),
    );
  });
});

describe('parseOutputFile (the test runner reading $GITHUB_OUTPUT)', () => {
  it('reads both forms and rejects anything else', () => {
    expect(parseOutputFile('a=1\nb<<EOF\ntwo\nlines\nEOF\n')).toEqual({ a: '1', b: 'two\nlines' });
    expect(() => parseOutputFile('junk\n')).toThrow('neither name=value nor name<<delimiter: junk');
  });
});
