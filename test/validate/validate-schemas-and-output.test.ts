import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

/** A temporary directory holding the files given; removed after this file's tests. */
const tree = tempTree('validate-');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('validate: drafts', () => {
  // Each schema uses a keyword only its draft understands, so a wrong draft would pass the bad payload.
  const drafts: Array<[string, Record<string, unknown>, unknown, unknown]> = [
    [
      'draft-06',
      { $schema: 'http://json-schema.org/draft-06/schema#', properties: { n: { exclusiveMinimum: 5 } } },
      { n: 6 },
      { n: 5 },
    ],
    [
      'draft-07',
      // Written as text: an object literal with a `then` key looks like a promise to the linter.
      JSON.parse(
        '{"$schema": "http://json-schema.org/draft-07/schema#", "if": {"required": ["a"]}, "then": {"required": ["b"]}}',
      ),
      { a: 1, b: 2 },
      { a: 1 },
    ],
    [
      'draft-04',
      // Draft-04's exclusiveMinimum is a boolean beside minimum: a later draft would refuse the schema.
      {
        $schema: 'http://json-schema.org/draft-04/schema#',
        properties: { n: { minimum: 5, exclusiveMinimum: true } },
      },
      { n: 6 },
      { n: 5 },
    ],
    [
      '2019-09',
      { $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { a: ['b'] } },
      { a: 1, b: 2 },
      { a: 1 },
    ],
    [
      '2020-12',
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        prefixItems: [{ type: 'string' }],
        items: false,
      },
      ['x'],
      ['x', 2],
    ],
    ['no $schema (2020-12)', { prefixItems: [{ type: 'string' }], items: false }, ['x'], ['x', 2]],
  ];
  for (const [name, schema, good, bad] of drafts) {
    it(`${name} is detected from $schema`, async () => {
      const cwd = tree({ 's.json': json(schema), 'good.json': json(good), 'bad.json': json(bad) });
      const result = await runCli(
        ['validate', 'good.json', 'bad.json', '--schema', 's.json', '--format', 'json'],
        { cwd },
      );
      const report = JSON.parse(result.stdout);
      expect(report.files.map((file: { ok: boolean }) => file.ok)).toEqual([true, false]);
      expect(result.code).toBe(1);
    });
  }

  it('checks formats with ajv-formats', async () => {
    const schema = { properties: { email: { format: 'email' }, at: { format: 'date-time' } } };
    const cwd = tree({
      's.json': json(schema),
      'p.json': json({ email: 'nope', at: '2026-13-01T00:00:00Z' }),
    });
    const result = await runCli(['validate', 'p.json', '--schema', 's.json'], { cwd });
    expect(result.stdout).toBe(
      'p.json:2:12  must match format "email"  (/email)\np.json:3:9  must match format "date-time"  (/at)\n1 file: 0 valid, 1 invalid, 0 errors\n',
    );
  });
});

describe('validate: broken schemas are exit 2, apart from invalid data', () => {
  const payload = json({ a: 1 });
  const cases: Array<[string, Record<string, string>, string[], string]> = [
    [
      'not JSON',
      { 's.json': '{"type": "object",\n}' },
      ['--schema', 's.json'],
      'webhook-cli: schema s.json is broken: not valid JSON at line 1 column 18: trailing comma (fix the schema; no payload was judged against it)\n',
    ],
    [
      'against its meta-schema',
      { 's.json': json({ type: 'strng' }) },
      ['--schema', 's.json'],
      'webhook-cli: schema s.json is broken: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf (fix the schema; no payload was judged against it)\n',
    ],
    [
      'an unresolvable $ref',
      { 's.json': json({ $ref: './missing.json' }) },
      ['--schema', 's.json'],
      'webhook-cli: schema s.json is broken: $ref missing.json cannot be resolved (refer to schema files by relative path or by their $id)\n',
    ],
    [
      'draft-03',
      { 's.json': json({ $schema: 'http://json-schema.org/draft-03/schema#' }) },
      ['--schema', 's.json'],
      'webhook-cli: schema s.json is broken: "$schema" http://json-schema.org/draft-03/schema# is not supported (use draft-04, draft-06, draft-07, 2019-09 or 2020-12)\n',
    ],
    [
      'an unknown builtin',
      {},
      ['--schema', 'githib'],
      'webhook-cli: unknown schema "githib": not a builtin and no such file (builtins: github, github-community, stripe, standard-webhooks, cloudevents, generic; or give a .json file or a directory)\n',
    ],
    [
      'a missing file',
      {},
      ['--schema', 'schemas/x.json'],
      'webhook-cli: schema schemas/x.json cannot be read: no such file or directory\n',
    ],
    [
      'a directory without event schemas',
      { 'schemas/common.json': json({}) },
      ['--schema', 'schemas'],
      'webhook-cli: schema directory schemas has no <event-type>.schema.json file (name schemas after the event they describe, e.g. invoice.paid.schema.json)\n',
    ],
    [
      'a broken file in a directory',
      { 'schemas/a.schema.json': json({}), 'schemas/b.json': '[' },
      ['--schema', 'schemas'],
      'webhook-cli: schema schemas/b.json is broken: not valid JSON at line 1 column 2: unexpected end of file (fix the schema; no payload was judged against it)\n',
    ],
  ];
  for (const [name, files, flags, message] of cases) {
    it(name, async () => {
      const cwd = tree({ ...files, 'p.json': payload });
      const result = await runCli(['validate', 'p.json', ...flags], { cwd });
      expect(result.stderr).toBe(message);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
    });
  }

  it('tolerates unknown keywords unless --strict', async () => {
    const cwd = tree({ 's.json': json({ type: 'object', 'x-owner': 'team' }), 'p.json': payload });
    expect((await runCli(['validate', 'p.json', '--schema', 's.json'], { cwd })).code).toBe(0);
    const strict = await runCli(['validate', 'p.json', '--schema', 's.json', '--strict'], { cwd });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(
      'webhook-cli: schema s.json is broken: strict mode: unknown keyword: "x-owner" (fix the schema; no payload was judged against it)\n',
    );
  });

  it('reads a sibling file that a single schema refers to', async () => {
    const cwd = tree({
      's.json': json({ properties: { user: { $ref: 'defs/user.json' } } }),
      'defs/user.json': json({ required: ['login'] }),
      'p.json': json({ user: {} }),
    });
    const result = await runCli(['validate', 'p.json', '--schema', 's.json'], { cwd });
    expect(result.stdout).toContain('p.json:2:11  must have required property "login"  (/user)');
  });
});

describe('validate: output', () => {
  const files = {
    's.json': json({ type: 'object', required: ['id'], properties: { id: { type: 'integer' } } }),
    'ok.json': json({ id: 1 }),
    'bad.json': json({ id: 'x' }),
    'broken.json': '{',
  };

  it('exits 0 when all valid, 1 when any invalid, 2 when any error (2 wins)', async () => {
    const cwd = tree(files);
    expect((await runCli(['validate', 'ok.json', '-s', 's.json'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', 'ok.json', 'bad.json', '-s', 's.json'], { cwd })).code).toBe(1);
    expect(
      (await runCli(['validate', 'ok.json', 'bad.json', 'broken.json', '-s', 's.json'], { cwd })).code,
    ).toBe(2);
  });

  it('--format github prints annotations, then the text report and summary', async () => {
    const cwd = tree(files);
    const result = await runCli(
      ['validate', 'ok.json', 'bad.json', 'broken.json', '-s', 's.json', '--format', 'github'],
      { cwd },
    );
    expect(
      result.stdout.startsWith(
        '::error file=bad.json,line=2,col=9,title=schema%3A type::must be integer (/id)\nbad.json:2:9  must be integer  (/id)\n',
      ),
    ).toBe(true);
    expect(result.stdout).toContain(
      '::error file=broken.json,line=1,col=2,title=webhook-cli%3A parse error::unexpected end of file\n',
    );
    expect(
      result.stdout.endsWith(
        'broken.json:1:2  error unexpected end of file\n3 files: 1 valid, 1 invalid, 1 error\n',
      ),
    ).toBe(true);
  });

  it('--format junit and sarif write documents to stdout and the summary to stderr', async () => {
    const cwd = tree(files);
    const junit = await runCli(['validate', 'ok.json', 'bad.json', '-s', 's.json', '--format', 'junit'], {
      cwd,
    });
    expect(junit.stdout).toContain('<testsuite name="bad.json" tests="1" failures="1" errors="0">');
    expect(junit.stdout).toContain('<testcase classname="ok.json" name="valid against s.json"/>');
    expect(junit.stderr).toBe('2 files: 1 valid, 1 invalid, 0 errors\n');
    const sarif = await runCli(['validate', 'ok.json', 'bad.json', '-s', 's.json', '--format', 'sarif'], {
      cwd,
    });
    const document = JSON.parse(sarif.stdout);
    expect(document.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'bad.json' },
      region: { startLine: 2, startColumn: 9 },
    });
    expect(sarif.code).toBe(1);
  });

  it('-o writes the report to a file and the summary to stderr', async () => {
    const cwd = tree(files);
    const result = await runCli(
      ['validate', 'ok.json', 'bad.json', '-s', 's.json', '-f', 'json', '-o', 'report.json'],
      {
        cwd,
      },
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('2 files: 1 valid, 1 invalid, 0 errors\n');
    expect(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')).summary).toEqual({
      files: 2,
      valid: 1,
      invalid: 1,
      errors: 0,
    });
    const bad = await runCli(['validate', 'ok.json', '-s', 's.json', '-o', 'missing-dir/report.txt'], {
      cwd,
    });
    expect(bad.stderr).toBe(
      'webhook-cli: --output missing-dir/report.txt: cannot write: no such file or directory\n',
    );
    expect(bad.code).toBe(2);
  });

  it('-o writes the report as it goes, and a full disk is an input error naming the file', async () => {
    const files: Record<string, string> = { 's.json': json({ type: 'object' }) };
    for (let n = 0; n < 2000; n += 1) files[`p/${String(n).padStart(4, '0')}.json`] = '{}';
    const cwd = tree(files);
    const report = await runCli(['validate', 'p', '-s', 's.json', '--format', 'json', '-o', 'r.json'], {
      cwd,
    });
    expect(report.code).toBe(0);
    const written = JSON.parse(readFileSync(join(cwd, 'r.json'), 'utf8'));
    expect(written.files.map((file: { file: string }) => file.file)).toEqual(Object.keys(files).slice(1));
    const full = await runCli(['validate', 'p', '-s', 's.json', '--format', 'json', '-o', '/dev/full'], {
      cwd,
    });
    expect(full.stderr).toBe(
      'webhook-cli: --output /dev/full: cannot write: no space left on device (ENOSPC)\n',
    );
    expect(full.code).toBe(2);
  });

  it('--max-errors cuts each file and says how many more there were', async () => {
    const cwd = tree({ 's.json': json({ required: ['a', 'b', 'c', 'd'] }), 'p.json': '{}' });
    const result = await runCli(['validate', 'p.json', '-s', 's.json', '--max-errors', '2'], { cwd });
    expect(result.stdout).toBe(
      'p.json:1:1  must have required property "a"\np.json:1:1  must have required property "b"\np.json: ... and 2 more errors (--max-errors)\n1 file: 0 valid, 1 invalid, 0 errors\n',
    );
  });

  it('colours on a TTY and escapes control characters from payloads', async () => {
    const cwd = tree({ 's.json': json({ additionalProperties: false }), 'p.json': '{"\\u001b[2Jx": 1}' });
    const result = await runCli(['validate', 'p.json', '-s', 's.json'], { cwd, tty: true });
    expect(result.stdout).toContain('must NOT have additional property "\\u001b[2Jx"');
    expect(result.stdout).not.toContain('\u001b[2J');
    expect(result.stdout).toContain('\u001b[31m1 invalid\u001b[39m');
  });

  it('rejects bad flags with the message a user sees', async () => {
    const cwd = tree(files);
    const cases: Array<[string[], string]> = [
      [
        ['validate', 'ok.json', '-s', 's.json', '--format', 'xml'],
        "webhook-cli: --format: 'xml' is not a format (use text, json, github, junit, sarif)\n",
      ],
      [
        ['validate', 'ok.json', '-s', 's.json', '--max-errors', '0'],
        "webhook-cli: --max-errors: '0' is not a whole number 1 or more\n",
      ],
      [
        ['validate', 'ok.json'],
        'webhook-cli: validate needs --schema <file|directory|builtin> (e.g. --schema schemas/ or --schema github; `webhook-cli schemas` lists the builtins)\n',
      ],
      [
        ['validate', '-s', 's.json'],
        'webhook-cli: validate needs at least one file, directory, quoted glob or - (e.g. webhook-cli validate fixtures/ --schema schemas/)\n',
      ],
      [['validate', '-', '-', '-s', 's.json'], "webhook-cli: '-' (standard input) can be given only once\n"],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(argv, { cwd });
      expect(result.stderr).toBe(message);
      expect(result.code).toBe(2);
    }
  });
});

describe('schemas command', () => {
  it('lists the builtins, as text and JSON', async () => {
    const text = await runCli(['schemas']);
    expect(
      text.stdout
        .split('\n')
        .filter((line) => /^\S/.test(line))
        .map((line) => line.split(' ')[0]),
    ).toEqual(['github', 'github-community', 'stripe', 'standard-webhooks', 'cloudevents', 'generic']);
    const list = JSON.parse((await runCli(['schemas', '--json'])).stdout);
    expect(list.map((item: { name: string }) => item.name)).toEqual([
      'github',
      'github-community',
      'stripe',
      'standard-webhooks',
      'cloudevents',
      'generic',
    ]);
  });

  it('shows a builtin, github events, and one github definition standalone', async () => {
    const stripe = JSON.parse((await runCli(['schemas', 'show', 'stripe'])).stdout);
    expect(stripe.required).toContain('pending_webhooks');
    const github = await runCli(['schemas', 'show', 'github-community']);
    expect(github.stdout).toMatch(/^github-community: \d+ webhook events from @octokit\/webhooks-schemas/);
    expect(github.stdout).toContain('\nissues: assigned, closed,');
    const events = JSON.parse((await runCli(['schemas', 'show', 'github-community', '--json'])).stdout);
    expect(events.events.push).toEqual([]);
    const opened = JSON.parse((await runCli(['schemas', 'show', 'github-community:issues.opened'])).stdout);
    expect(opened.title).toBe('issues opened event');
    expect(Object.keys(opened.definitions)).toContain('issue');
  });

  it('says what is wrong with an unknown name', async () => {
    const unknown = await runCli(['schemas', 'show', 'paypal']);
    expect(unknown.stderr).toBe(
      'webhook-cli: unknown schema "paypal" (builtins: github, github-community, stripe, standard-webhooks, cloudevents, generic)\n',
    );
    expect(unknown.code).toBe(2);
    const action = await runCli(['schemas', 'show', 'github:issues']);
    expect(action.stderr).toMatch(
      /^webhook-cli: schemas show github:issues: github event "issues" needs an action \(assigned, closed,/,
    );
  });
});
