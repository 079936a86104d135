import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeCapture } from '../../src/capture/encode-capture.js';
import { FAILED_FILE_HEADER } from '../../src/inputs/failed-file-header.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

const fixtures = join(import.meta.dirname, '../fixtures/validate');
const issuesOpened = readFileSync(join(fixtures, 'github-issues-opened.json'), 'utf8');
const create = readFileSync(join(fixtures, 'github-create.json'), 'utf8');
/** A temporary directory holding the files given; removed after this file's tests. */
const tree = tempTree('validate-');

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const stripeEvent = {
  id: 'evt_1',
  object: 'event',
  type: 'invoice.paid',
  created: 1700000000,
  livemode: false,
  api_version: '2024-06-20',
  data: { object: { id: 'in_1', object: 'invoice' } },
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
};

function capture(body: string, headers: Array<[string, string]>): string {
  return serializeCapture({
    id: 'cap_1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/webhook',
    headers,
    body: Buffer.from(body),
  });
}

describe('validate: inputs', () => {
  it('walks directories recursively for .json, .jsonl and .ndjson, in name order, and reads quoted globs', async () => {
    const cwd = tree({
      'payloads/b.json': json({ event: 'a', data: {} }),
      'payloads/a/deep.json': json({ event: 'a', data: {} }),
      'payloads/c.ndjson': `${JSON.stringify({ event: 'x', data: {} })}\n`,
      'payloads/d.jsonl': `${JSON.stringify({ event: 'x', data: {} })}\n`,
      'payloads/notes.txt': 'not json',
      'other/e.json': json({ event: 'a', data: {} }),
    });
    const result = await runCli(
      ['validate', 'payloads', 'other/*.json', '--schema', 'generic', '--verbose'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .split('\n')
        .filter((line) => line.startsWith('✓'))
        .map((line) => line.split('  ')[0]),
    ).toEqual([
      '✓ payloads/a/deep.json',
      '✓ payloads/b.json',
      '✓ payloads/c.ndjson',
      '✓ payloads/d.jsonl',
      '✓ other/e.json',
    ]);
    expect(result.stdout).toContain('5 files: 5 valid, 0 invalid, 0 errors\n');
    expect(result.stderr).toContain('schema generic: { event: string, data: object }');
  });

  it('reads standard input for -', async () => {
    const ok = await runCli(['validate', '-', '--schema', 'stripe'], { stdin: JSON.stringify(stripeEvent) });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('1 file: 1 valid, 0 invalid, 0 errors\n');
    const bad = await runCli(['validate', '-', '--schema', 'stripe'], { stdin: '{"id": "evt_1"}' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('<stdin>:1:1  must have required property "object"\n');
  });

  it('names the line of each error in JSON Lines files', async () => {
    const cwd = tree({
      'events.jsonl': [
        JSON.stringify({ event: 'a', data: {} }),
        '',
        JSON.stringify({ event: 'b', data: [] }),
        '{"event": "c", "data": ',
      ].join('\n'),
    });
    const result = await runCli(['validate', 'events.jsonl', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      'events.jsonl:3:21  must be object  (/data)\nevents.jsonl:4:24  error unexpected end of file\n1 file: 0 valid, 0 invalid, 1 error\n',
    );
  });

  it('skips the header line of a file that send --failed wrote, and validates the payloads after it', async () => {
    const cwd = tree({
      'failed.jsonl': `${FAILED_FILE_HEADER}${JSON.stringify({ event: 'a', data: {} })}\n${JSON.stringify({ event: 'b', data: [] })}\n`,
    });
    const result = await runCli(['validate', 'failed.jsonl', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'failed.jsonl:3:21  must be object  (/data)\n1 file: 0 valid, 1 invalid, 0 errors\n',
    );
  });

  it('--json is --format json, and refuses another --format', async () => {
    const cwd = tree({ 'a.json': JSON.stringify({ event: 'a', data: {} }) });
    const json = await runCli(['validate', 'a.json', '--schema', 'generic', '--json'], { cwd });
    const format = await runCli(['validate', 'a.json', '--schema', 'generic', '--format', 'json'], { cwd });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(format.stdout));
    const both = await runCli(['validate', 'a.json', '--schema', 'generic', '--json', '--format', 'sarif'], {
      cwd,
    });
    expect(both.stderr).toBe('webhook-cli: --json and --format sarif ask for two reports (pick one)\n');
    expect(both.code).toBe(2);
  });

  it('validates a capture by its body, points into the capture file, and uses its headers to pick the schema', async () => {
    const bad = JSON.parse(issuesOpened);
    delete bad.issue.user.login;
    const cwd = tree({
      'captures/ok.json': capture(issuesOpened, [['X-GitHub-Event', 'issues']]),
      'captures/bad.json': capture(JSON.stringify(bad), [['X-GitHub-Event', 'issues']]),
      'captures/create.json': capture(create, [['x-github-event', 'create']]),
    });
    const result = await runCli(['validate', 'captures', '--schema', 'github-community', '--verbose'], {
      cwd,
    });
    expect(result.code).toBe(1);
    const badLine = result.stdout.split('\n').find((line) => line.startsWith('captures/bad.json:'))!;
    expect(badLine).toMatch(
      /^captures\/bad\.json:\d+:\d+ {2}must have required property "login" {2}\(\/issue\/user\)$/,
    );
    // The location is inside the body string of the capture, at the user object.
    const [, line, column] = /:(\d+):(\d+)/.exec(badLine)!.map(Number);
    const text = readFileSync(join(cwd, 'captures/bad.json'), 'utf8').split('\n')[line! - 1]!;
    expect(text.slice(column! - 1, column! + 40)).toMatch(/^\{\\"id\\":\d+,\\"node_id/);
    expect(result.stdout).toContain(
      '✓ captures/ok.json  valid: github:issues$opened (event "issues.opened" from X-GitHub-Event header + body "action")',
    );
    expect(result.stdout).toContain(
      '✓ captures/create.json  valid: github:create$event (event "create" from X-GitHub-Event header)',
    );
  });

  it('gives each unusable file its own error (exit 2) and still validates the others', async () => {
    const cwd = tree({
      'in/empty.json': '',
      'in/bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"event":"a","data":{}}')]),
      'in/binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02]),
      'in/latin1.json': Buffer.concat([
        Buffer.from('{"event": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('", "data": {}}'),
      ]),
      'in/utf16.json': Buffer.from('\ufeff{"event":"a","data":{}}', 'utf16le'),
      'in/ok.json': json({ event: 'a', data: {} }),
      'in/malformed.json': '{\n  "event": "a",\n  "data": {,}\n}',
      'in/damaged-capture.json': capture('{}', []).replace('"sha256": "', '"sha256": "0'),
    });
    symlinkSync(join(cwd, 'in'), join(cwd, 'in/loop'));
    symlinkSync(join(cwd, 'missing.json'), join(cwd, 'in/dangling.json'));
    const result = await runCli(['validate', 'in', 'nope.json', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(2);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'in/binary.json:1:2  error binary file (it contains NUL bytes), not JSON',
      'in/bom.json:1:1  error file starts with a UTF-8 byte order mark (BOM), which JSON does not allow (RFC 8259 §8.1); save it without the BOM',
      expect.stringMatching(
        /^in\/damaged-capture\.json:1:1 {2}error not a valid capture: "sha256" must be 64 lowercase hex digits$/,
      ),
      'in/dangling.json:1:1  error no such file or directory',
      'in/empty.json:1:1  error empty file',
      'in/latin1.json:1:15  error invalid UTF-8 byte sequence; JSON must be UTF-8',
      'in/loop:1:1  error directory loop (a symlink points back to a parent); skipped',
      'in/malformed.json:3:12  error expected a value',
      'in/utf16.json:1:1  error file is UTF-16 text; JSON must be UTF-8',
      'nope.json:1:1  error no such file or directory',
      '11 files: 1 valid, 0 invalid, 10 errors',
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const cwd = tree({ 'secret.json': '{}' });
    chmodSync(join(cwd, 'secret.json'), 0o000);
    const result = await runCli(['validate', 'secret.json', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('secret.json:1:1  error cannot read: permission denied');
  });

  it('handles a large file', async () => {
    const items = Array.from({ length: 60_000 }, (_, index) => ({
      id: index,
      name: `item ${index}`,
      tags: ['a', 'b'],
    }));
    const cwd = tree({ 'big.json': JSON.stringify({ event: 'bulk', data: { items } }) });
    const result = await runCli(['validate', 'big.json', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(0);
  });

  it('fails when the inputs hold no files', async () => {
    const cwd = tree({ 'empty/readme.txt': 'x' });
    const result = await runCli(['validate', 'empty', '--schema', 'generic'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      'empty:1:1  error no *.json, *.jsonl or *.ndjson files in this directory or below it\n1 file: 0 valid, 0 invalid, 1 error\n',
    );
  });

  it('an input that yields nothing is an error naming it, even beside inputs that do (#12)', async () => {
    const cwd = tree({ 'empty/nested/readme.txt': 'x', 'other.json': json({ event: 'a', data: {} }) });
    const result = await runCli(['validate', 'empty/', 'other.json', 'empty/*.json', '--schema', 'generic'], {
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'empty/:1:1  error no *.json, *.jsonl or *.ndjson files in this directory or below it',
      'empty/*.json:1:1  error no files match this pattern',
      '3 files: 1 valid, 0 invalid, 2 errors',
    ]);
  });
});

describe('validate: builtins', () => {
  const cases: Array<[string, unknown, unknown, string]> = [
    ['stripe', stripeEvent, { ...stripeEvent, object: 'invoice' }, 'x.json:3:13  must be "event"  (/object)'],
    [
      'standard-webhooks',
      { type: 'user.created', timestamp: '2026-01-01T00:00:00Z', data: { id: 1 } },
      { type: 'user.created', timestamp: 'yesterday', data: { id: 1 } },
      'x.json:3:16  must match format "date-time"  (/timestamp)',
    ],
    [
      'cloudevents',
      { specversion: '1.0', id: '1', source: '/orders', type: 'com.example.created', data: { a: 1 } },
      { specversion: '0.3', id: '1', source: '/orders', type: 'com.example.created' },
      'x.json:2:18  must be "1.0"  (/specversion)',
    ],
    ['generic', { event: 'a', data: {} }, { event: 'a' }, 'x.json:1:1  must have required property "data"'],
  ];
  for (const [name, good, bad, message] of cases) {
    it(`${name}: a valid and an invalid payload`, async () => {
      const cwd = tree({ 'ok.json': json(good), 'x.json': json(bad) });
      const ok = await runCli(['validate', 'ok.json', '--schema', name], { cwd });
      expect(ok.stdout).toBe('1 file: 1 valid, 0 invalid, 0 errors\n');
      expect(ok.code).toBe(0);
      const result = await runCli(['validate', 'x.json', '--schema', name], { cwd });
      expect(result.stdout.split('\n')[0]).toBe(message);
      expect(result.code).toBe(1);
    });
  }

  it('github: picks <event>$<action> from --event and the payload, and locates nested errors', async () => {
    const bad = JSON.parse(issuesOpened);
    delete bad.issue.user.login;
    bad.issue.labels = [
      {
        id: 1,
        node_id: 'x',
        url: 'https://x.test/l',
        name: 'n',
        color: 'c',
        default: 'no',
        description: null,
      },
    ];
    bad.issue.number = '7';
    bad.surprise = true;
    const cwd = tree({ 'ok.json': issuesOpened, 'bad.json': json(bad), 'create.json': create });
    const ok = await runCli(
      ['validate', 'ok.json', '--schema', 'github-community', '--event', 'issues', '--verbose'],
      {
        cwd,
      },
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      '✓ ok.json  valid: github:issues$opened (event "issues" from --event + body "action")',
    );
    const created = await runCli(
      ['validate', 'create.json', '--schema', 'github-community', '--event', 'create'],
      {
        cwd,
      },
    );
    expect(created.code).toBe(0);
    const result = await runCli(
      ['validate', 'bad.json', '--schema', 'github-community', '--event', 'issues'],
      {
        cwd,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'bad.json:12:15  must be integer  (/issue/number)',
        'bad.json:14:13  must have required property "login"  (/issue/user)',
        'bad.json:40:20  must be boolean  (/issue/labels/0/default)',
        'bad.json:265:3  must NOT have additional property "surprise"  (/surprise)',
        '1 file: 0 valid, 1 invalid, 0 errors',
        '',
      ].join('\n'),
    );
  });

  it('github: an unknown event or action is a no-schema error naming the choices', async () => {
    const cwd = tree({ 'ok.json': issuesOpened });
    const result = await runCli(['validate', 'ok.json', '--schema', 'github', '--event', 'issues.frobbed'], {
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'ok.json:1:1  error no schema chosen: event type "issues.frobbed" (from --event); github event "issues" has no action "frobbed" (it has assigned, closed,',
    );
    const unknown = await runCli(['validate', 'ok.json', '--schema', 'github', '--event', 'nothing'], {
      cwd,
    });
    expect(unknown.stdout).toContain('github has no event "nothing"');
  });
});

describe('validate: schema directories and event types', () => {
  const schemas = {
    'schemas/defs/money.json': json({
      $id: 'https://example.com/money.json',
      type: 'object',
      required: ['amount', 'currency'],
      properties: { amount: { type: 'integer' }, currency: { type: 'string', minLength: 3, maxLength: 3 } },
    }),
    'schemas/customer.json': json({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' } },
    }),
    'schemas/invoice.paid.schema.json': json({
      type: 'object',
      required: ['type', 'total', 'customer'],
      properties: {
        total: { $ref: 'https://example.com/money.json' },
        customer: { $ref: './customer.json' },
      },
    }),
    'schemas/invoice.schema.json': json({ type: 'object', required: ['type', 'invoice_id'] }),
    'schemas/issues.opened.schema.json': json({ type: 'object', required: ['action', 'issue'] }),
    'schemas/com.example.created.schema.json': json({ type: 'object', required: ['id'] }),
    'schemas/orders/create.schema.json': json({ type: 'object' }),
  };

  it('resolves $ref between files by $id and by relative path', async () => {
    const cwd = tree({
      ...schemas,
      'ok.json': json({
        type: 'invoice.paid',
        total: { amount: 5, currency: 'EUR' },
        customer: { id: 'c1' },
      }),
      'bad.json': json({ type: 'invoice.paid', total: { amount: 5.5, currency: 'EUR' }, customer: {} }),
    });
    const result = await runCli(
      ['validate', 'ok.json', 'bad.json', '--schema', 'schemas', '--format', 'json'],
      { cwd },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.files[0]).toMatchObject({
      file: 'ok.json',
      ok: true,
      schema: 'schemas/invoice.paid.schema.json',
    });
    expect(report.files[1].errors).toEqual([
      { pointer: '/total/amount', message: 'must be integer', keyword: 'type', line: 4, column: 15 },
      {
        pointer: '/customer',
        message: 'must have required property "id"',
        keyword: 'required',
        line: 7,
        column: 15,
      },
    ]);
    expect(result.stderr).toBe('2 files: 1 valid, 1 invalid, 0 errors\n');
  });

  it('finds the event type in each order, and --verbose says which rule chose the schema', async () => {
    const cwd = tree({
      ...schemas,
      'by-type.json': json({ type: 'invoice.voided', invoice_id: 'in_1' }),
      'by-event.json': json({ event: 'invoice.voided', type: 3, invoice_id: 'in_1' }),
      'by-event-type.json': json({ event_type: 'invoice.voided', type: 5, event: '', invoice_id: 'in_1' }),
      'by-topic.json': json({ topic: 'orders/create' }),
      'github.json': capture(JSON.stringify({ action: 'opened', issue: {}, type: 'ignored' }), [
        ['X-GitHub-Event', 'issues'],
      ]),
      'cloudevent.json': capture(JSON.stringify({ id: '1' }), [['ce-type', 'com.example.created']]),
      'shopify.json': capture(JSON.stringify({ id: 1, type: 'invoice.paid' }), [
        ['X-Shopify-Topic', 'orders/create'],
      ]),
      'flag.json': json({ action: 'opened', issue: {} }),
    });
    const result = await runCli(['validate', '.', '--schema', 'schemas', '--verbose'], { cwd });
    const lines = result.stdout.split('\n');
    const rule = (file: string) =>
      lines.find((line) => line.startsWith(`✓ ${file}  `) || line.startsWith(`✗ ${file}  `));
    expect(rule('by-type.json')).toBe(
      '✓ by-type.json  valid: schemas/invoice.schema.json (event type "invoice.voided" from body "type")',
    );
    expect(rule('by-event.json')).toBe(
      '✓ by-event.json  valid: schemas/invoice.schema.json (event type "invoice.voided" from body "event")',
    );
    expect(rule('by-event-type.json')).toBe(
      '✓ by-event-type.json  valid: schemas/invoice.schema.json (event type "invoice.voided" from body "event_type")',
    );
    expect(rule('github.json')).toBe(
      '✓ github.json  valid: schemas/issues.opened.schema.json (event type "issues.opened" from X-GitHub-Event header + body "action")',
    );
    expect(rule('cloudevent.json')).toBe(
      '✓ cloudevent.json  valid: schemas/com.example.created.schema.json (event type "com.example.created" from ce-type header)',
    );
    expect(rule('shopify.json')).toBe(
      '✓ shopify.json  valid: schemas/orders/create.schema.json (event type "orders/create" from X-Shopify-Topic header)',
    );
    expect(rule('by-topic.json')).toBe(
      '✓ by-topic.json  valid: schemas/orders/create.schema.json (event type "orders/create" from body "topic")',
    );
    expect(lines.find((line) => line.startsWith('flag.json:'))).toContain(
      'flag.json:1:1  error no schema chosen',
    );
    const flagged = await runCli(
      ['validate', 'flag.json', '--schema', 'schemas', '--event', 'issues.opened', '--verbose'],
      { cwd },
    );
    expect(flagged.stdout).toContain(
      '✓ flag.json  valid: schemas/issues.opened.schema.json (event type "issues.opened" from --event)',
    );
    expect(flagged.code).toBe(0);
  });

  it('a payload with no schema is an error saying how to choose one, never a pass', async () => {
    const cwd = tree({
      ...schemas,
      'anon.json': json({ hello: 'world' }),
      'other.json': json({ type: 'refund.created' }),
    });
    const result = await runCli(['validate', 'anon.json', 'other.json', '--schema', 'schemas'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      'anon.json:1:1  error no schema chosen: no event type found (no --event, no X-GitHub-Event, ce-type or X-Shopify-Topic header, no "type", "event", "event_type" or "topic" field); schemas has schemas per event type; name the event with --event <type> or add a --schema that covers it\n' +
        'other.json:1:1  error no schema chosen: event type "refund.created" (from body "type"); schemas has no refund.created.schema.json (it has com.example.created, create, invoice, invoice.paid, issues.opened, orders/create); name the event with --event <type> or add a --schema that covers it\n' +
        '2 files: 0 valid, 0 invalid, 2 errors\n',
    );
  });

  it('tries each --schema in order', async () => {
    const cwd = tree({ ...schemas, 'event.json': json({ type: 'refund.created', data: {} }) });
    const result = await runCli(
      ['validate', 'event.json', '--schema', 'schemas', '--schema', 'standard-webhooks', '--verbose'],
      { cwd },
    );
    expect(result.stdout).toContain(
      '✗ event.json  invalid: standard-webhooks (--schema standard-webhooks applies to every payload)',
    );
    expect(result.stdout).toContain('event.json:1:1  must have required property "timestamp"\n');
  });

  it('takes a --schema given twice (by name, or one file by two paths) once', async () => {
    const cwd = tree({
      's.schema.json': json({ type: 'object', required: ['id'] }),
      'ok.json': json({ id: 1 }),
      'create.json': create,
    });
    const files = await runCli(
      ['validate', 'ok.json', '--schema', 's.schema.json', '--schema', './s.schema.json'],
      {
        cwd,
      },
    );
    expect(files.stderr).toBe('');
    expect(files.code).toBe(0);
    for (const builtin of ['github', 'github-community']) {
      const twice = await runCli(
        ['validate', 'create.json', '--schema', builtin, '--schema', builtin, '--event', 'create'],
        { cwd },
      );
      expect(twice.stderr).toBe('');
      expect(twice.stdout).toContain('1 file: 1 valid');
    }
  });
});
