import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/output/validate-escape.js';
import { escapeData, escapeProperty, renderGithubFile } from '../../src/output/validate-github.js';
import { renderJsonReport } from '../../src/output/validate-json.js';
import { createJunitReport, renderJunitReport, xml } from '../../src/output/validate-junit.js';
import { renderSarifReport } from '../../src/output/validate-sarif.js';
import { renderTextFile, renderTextSummary } from '../../src/output/validate-text.js';
import { type FileReport, summarize } from '../../src/validate/file-report.js';

const plain = new Chalk({ level: 0 });
const cwd = '/work/project';
const invalid: FileReport = {
  file: 'fixtures/bad,1:%.json',
  status: 'invalid',
  schema: 'github:issues$opened',
  rule: 'event "issues" from --event + body "action"',
  errors: [
    {
      pointer: '/issue/user',
      message: 'must have required property "login"',
      keyword: 'required',
      line: 14,
      column: 13,
    },
    {
      pointer: '/x',
      message: 'must NOT have additional property "a\nb<&>"',
      keyword: 'additionalProperties',
      line: 2,
      column: 3,
    },
  ],
  errorCount: 5,
};
const valid: FileReport = {
  file: 'fixtures/ok.json',
  status: 'valid',
  schema: 'stripe',
  rule: 'r',
  errors: [],
  errorCount: 0,
};
const broken: FileReport = {
  file: '/work/project/fixtures/broken.json',
  status: 'error',
  errors: [{ pointer: '', message: 'expected a value', keyword: 'parse', line: 2, column: 8 }],
  errorCount: 1,
};
const reports = [invalid, valid, broken];
const summary = summarize(reports);

describe('text', () => {
  it('prints path:line:col  message  (pointer), escapes control characters, notes cut errors', () => {
    expect(renderTextFile(invalid, { colors: plain, verbose: false })).toBe(
      'fixtures/bad,1:%.json:14:13  must have required property "login"  (/issue/user)\n' +
        'fixtures/bad,1:%.json:2:3  must NOT have additional property "a\\u000ab<&>"  (/x)\n' +
        'fixtures/bad,1:%.json: ... and 3 more errors (--max-errors)\n',
    );
    expect(renderTextFile(broken, { colors: plain, verbose: false })).toBe(
      '/work/project/fixtures/broken.json:2:8  error expected a value\n',
    );
  });

  it('lists valid files and the chosen schema only with --verbose', () => {
    expect(renderTextFile(valid, { colors: plain, verbose: false })).toBe('');
    expect(renderTextFile(valid, { colors: plain, verbose: true })).toBe(
      '✓ fixtures/ok.json  valid: stripe (r)\n',
    );
    expect(renderTextFile(invalid, { colors: plain, verbose: true }).split('\n')[0]).toBe(
      '✗ fixtures/bad,1:%.json  invalid: github:issues$opened (event "issues" from --event + body "action")',
    );
  });

  it('summarises, coloured when asked', () => {
    expect(renderTextSummary(summary, plain)).toBe('3 files: 1 valid, 1 invalid, 1 error\n');
    expect(renderTextSummary(summary, new Chalk({ level: 1 }))).toContain('\u001b[31m1 invalid');
  });

  it('escapeControl leaves text alone and escapes ESC, DEL, C1 and line separators', () => {
    expect(escapeControl('é ok')).toBe('é ok');
    expect(escapeControl('\u001b[2J\u007f\u0085\u2028')).toBe('\\u001b[2J\\u007f\\u0085\\u2028');
  });
});

describe('json', () => {
  it('is written file by file, byte for byte what JSON.stringify makes of the whole', () => {
    const whole = (files: unknown[]) => `${JSON.stringify({ files, summary }, null, 2)}\n`;
    const streamed = renderJsonReport(reports, summary);
    expect(streamed).toBe(whole(JSON.parse(streamed).files));
    expect(JSON.parse(streamed).files).toHaveLength(reports.length);
    expect(renderJsonReport([], summary)).toBe(whole([]));
  });

  it('is one document with files and summary', () => {
    const document = JSON.parse(renderJsonReport(reports, summary));
    expect(document.summary).toEqual({ files: 3, valid: 1, invalid: 1, errors: 1 });
    expect(document.files[0]).toEqual({
      file: 'fixtures/bad,1:%.json',
      ok: false,
      status: 'invalid',
      schema: 'github:issues$opened',
      errorCount: 5,
      errors: [
        {
          pointer: '/issue/user',
          message: 'must have required property "login"',
          keyword: 'required',
          line: 14,
          column: 13,
        },
        {
          pointer: '/x',
          message: 'must NOT have additional property "a\nb<&>"',
          keyword: 'additionalProperties',
          line: 2,
          column: 3,
        },
      ],
    });
    expect(document.files[1]).toMatchObject({ ok: true, schema: 'stripe', errors: [] });
    expect(document.files[2]).toMatchObject({ ok: false, status: 'error', schema: null });
  });
});

describe('github', () => {
  it('escapes % CR LF in messages and also : , in properties', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
  });

  it('writes one ::error per error, with paths relative to the working directory', () => {
    expect(renderGithubFile(invalid, cwd)).toBe(
      '::error file=fixtures/bad%2C1%3A%25.json,line=14,col=13,title=schema%3A required::must have required property "login" (/issue/user)\n' +
        '::error file=fixtures/bad%2C1%3A%25.json,line=2,col=3,title=schema%3A additionalProperties::must NOT have additional property "a%0Ab<&>" (/x)\n',
    );
    expect(renderGithubFile(broken, cwd)).toBe(
      '::error file=fixtures/broken.json,line=2,col=8,title=webhook-cli%3A parse error::expected a value\n',
    );
    expect(renderGithubFile(valid, cwd)).toBe('');
  });
});

describe('junit', () => {
  const document = renderJunitReport(reports, summary);

  it('has one testsuite per file and one testcase per error; a valid file is one passing testcase', () => {
    expect(
      document.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="webhook-cli validate" tests="4" failures="2" errors="1">',
      ),
    ).toBe(true);
    const suites = [
      ...document.matchAll(
        /<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)">([\s\S]*?)<\/testsuite>/g,
      ),
    ];
    expect(suites.map((match) => match.slice(1, 5))).toEqual([
      ['fixtures/bad,1:%.json', '2', '2', '0'],
      ['fixtures/ok.json', '1', '0', '0'],
      ['/work/project/fixtures/broken.json', '1', '0', '1'],
    ]);
    expect(suites[0]![5]!.match(/<testcase /g)).toHaveLength(2);
    expect(suites[0]![5]).toContain(
      '<failure message="must NOT have additional property &quot;a&#10;b&lt;&amp;&gt;&quot;" type="additionalProperties">',
    );
    expect(suites[1]![5]!.trim()).toBe(
      '<testcase classname="fixtures/ok.json" name="valid against stripe"/>',
    );
    expect(suites[2]![5]).toContain('<error message="expected a value" type="parse">');
    expect(document.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('keeps order and totals across thousands of files, written in pieces', () => {
    const many = Array.from({ length: 2500 }, (_, i) =>
      i === 1234 ? invalid : { ...valid, file: `f${i}.json` },
    );
    const pieces = createJunitReport();
    for (const report of many) pieces.file(report);
    const whole = pieces.end().join('');
    expect(whole).toContain('<testsuites name="webhook-cli validate" tests="2501" failures="2" errors="0">');
    const names = [...whole.matchAll(/<testsuite name="([^"]*)"/g)].map((match) => match[1]);
    expect(names).toHaveLength(2500);
    expect(names[1233]).toBe('f1233.json');
    expect(names[1234]).toBe('fixtures/bad,1:%.json');
    expect(names[2499]).toBe('f2499.json');
  });

  it('never writes characters XML cannot hold', () => {
    expect(xml('a\u0000b\u001b<')).toBe('a\\u0000b\\u001b&lt;');
  });
});

describe('sarif', () => {
  it('is SARIF 2.1.0 with a rule per keyword and physical locations', () => {
    const sarif = JSON.parse(renderSarifReport(reports, summary, cwd));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('webhook-cli');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      'schema/required',
      'schema/additionalProperties',
      'parse',
    ]);
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toEqual({
      ruleId: 'schema/required',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'must have required property "login" (/issue/user)' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'fixtures/bad,1:%25.json' },
            region: { startLine: 14, startColumn: 13 },
          },
        },
      ],
    });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/broken.json');
  });
});
