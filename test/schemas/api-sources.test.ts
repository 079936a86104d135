// `--schema api.yaml`: OpenAPI 3.1 webhooks, OpenAPI 3.0 callbacks and x-webhooks, AsyncAPI 2 and 3
// messages, from the fixture documents in test/fixtures/api/, through main().
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/api/', import.meta.url));
const makeTree = tempTree('api-');
/** A temp dir with every fixture document and the given payload files. */
function tree(files: Record<string, string> = {}): string {
  const fixtures = Object.fromEntries(
    readdirSync(FIXTURES).map((name) => [name, readFileSync(join(FIXTURES, name))]),
  );
  return makeTree({ ...fixtures, ...files });
}
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

interface Report {
  files: Array<{
    file: string;
    status: string;
    schema: string | null;
    errors: Array<Record<string, unknown>>;
  }>;
}
async function report(args: string[], cwd: string): Promise<{ code: number; report: Report }> {
  const result = await runCli(['validate', ...args, '--format', 'json'], { cwd });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const paid = {
  id: 'evt_1a2b3c',
  type: 'invoice.paid',
  created_at: '2026-02-01T10:00:00Z',
  data: { invoice_id: 'inv_42', total: { amount: 1999, currency: 'EUR' }, paid_at: '2026-02-01T09:59:58Z' },
};

describe('--schema openapi.yaml (3.1 webhooks)', () => {
  it('picks the webhook by the payload type const, and locates errors in the payload', async () => {
    const cwd = tree({
      'paid.json': json(paid),
      'bad.json': json({ ...paid, data: { ...paid.data, total: { amount: '19.99', currency: 'EUR' } } }),
    });
    const result = await runCli(
      ['validate', 'paid.json', 'bad.json', '--schema', 'openapi-3.1.yaml', '--verbose'],
      {
        cwd,
      },
    );
    expect(result.stdout).toBe(
      '✓ paid.json  valid: openapi-3.1.yaml webhook invoice.paid (event type "invoice.paid" from body "type")\n' +
        '✗ bad.json  invalid: openapi-3.1.yaml webhook invoice.paid (event type "invoice.paid" from body "type")\n' +
        'bad.json:8:17  must be integer  (/data/total/amount)\n' +
        '2 files: 1 valid, 1 invalid, 0 errors\n',
    );
    expect(result.stderr).toBe(
      'schema openapi-3.1.yaml: OpenAPI 3.1 document, 3 payloads (invoice.paid, invoice.voided, customer.created)\n',
    );
    expect(result.code).toBe(1);
  });

  it('follows $refs to path items and request bodies, and answers to operation ids with --event', async () => {
    const cwd = tree({
      'voided.json': json({
        id: 'evt_2',
        type: 'invoice.voided',
        created_at: '2026-02-01T10:00:00Z',
        data: { invoice_id: 'inv_1', reason: 'lost' },
      }),
      'customer.json': json({
        id: 'evt_3',
        created_at: '2026-02-01T10:00:00Z',
        data: { customer_id: 'c', email: 'x' },
      }),
    });
    const voided = await report(['voided.json', '--schema', 'openapi-3.1.yaml'], cwd);
    expect(voided.report.files[0]!.schema).toBe('openapi-3.1.yaml webhook invoice.voided');
    expect(voided.report.files[0]!.errors).toEqual([
      {
        pointer: '/data/reason',
        message: 'must be one of "duplicate", "fraudulent", "requested"',
        keyword: 'enum',
        line: 7,
        column: 15,
      },
    ]);
    const customer = await report(
      ['customer.json', '--schema', 'openapi-3.1.yaml', '--event', 'customerCreated'],
      cwd,
    );
    expect(customer.report.files[0]!.schema).toBe('openapi-3.1.yaml webhook customer.created');
    expect(customer.report.files[0]!.errors.map((error) => error.message)).toEqual([
      'must have required property "type"',
      'must match format "email"',
    ]);
  });
});

describe('--schema openapi.yaml (3.0 callbacks and x-webhooks)', () => {
  const parcel = { tracking_number: 'PP0123456789', weight_grams: 120, recipient_note: null };
  it('reads nullable, draft-04 exclusiveMinimum and $ref callbacks; example is ignored even with --strict', async () => {
    const cwd = tree({
      'status.json': json({ event: 'parcel.status_changed', parcel, status: 'in_transit', location: null }),
      'delivered.json': json({
        event: 'parcel.delivered',
        parcel: { ...parcel, weight_grams: 0 },
        delivered_at: '2026-03-01T12:00:00Z',
        signed_by: null,
      }),
      'label.json': json({ event: 'label.printed', tracking_number: null }),
    });
    const result = await runCli(
      [
        'validate',
        'status.json',
        'delivered.json',
        'label.json',
        '--schema',
        'openapi-3.0.yaml',
        '--strict',
        '--verbose',
      ],
      { cwd },
    );
    expect(result.stdout).toBe(
      '✓ status.json  valid: openapi-3.0.yaml callback parcelStatusChanged (POST {$request.body#/callback_url}) (event type "parcel.status_changed" from body "event")\n' +
        '✗ delivered.json  invalid: openapi-3.0.yaml callback parcelDelivered (POST {$request.body#/callback_url}) (event type "parcel.delivered" from body "event")\n' +
        'delivered.json:5:21  must be > 0  (/parcel/weight_grams)\n' +
        '✗ label.json  invalid: openapi-3.0.yaml webhook label.printed (event type "label.printed" from body "event")\n' +
        'label.json:3:22  must be string  (/tracking_number)\n' +
        '3 files: 1 valid, 2 invalid, 0 errors\n',
    );
  });

  it('answers to the callback name and its operation id', async () => {
    const cwd = tree({ 'p.json': json({ parcel, delivered_at: 'yesterday' }) });
    for (const event of ['parcelDelivered', 'onParcelDelivered']) {
      const { report: found } = await report(
        ['p.json', '--schema', 'openapi-3.0.yaml', '--event', event],
        cwd,
      );
      expect(found.files[0]!.schema).toBe(
        'openapi-3.0.yaml callback parcelDelivered (POST {$request.body#/callback_url})',
      );
      expect(found.files[0]!.errors.map((error) => error.message)).toEqual([
        'must have required property "event"',
        'must match format "date-time"',
      ]);
    }
  });
});

describe('--schema asyncapi.yaml', () => {
  it('AsyncAPI 2: messages of each channel, oneOf included, by type const or by operation id', async () => {
    const cwd = tree({
      'signup.json': json({
        type: 'user.signed_up',
        user_id: '6f1c1b5e-8f0e-4c5e-9a52-4c1f3c1e2b7a',
        email: 'ada@example.com',
        signed_up_at: '2026-01-01T00:00:00Z',
        plan: 'pro',
      }),
      'renamed.json': json({
        type: 'user.renamed',
        user_id: '6f1c1b5e-8f0e-4c5e-9a52-4c1f3c1e2b7a',
        name: '',
      }),
    });
    const { code, report: found } = await report(
      ['signup.json', 'renamed.json', '--schema', 'asyncapi-2.yaml'],
      cwd,
    );
    expect(
      found.files.map((file) => [
        file.schema,
        file.errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      ]),
    ).toEqual([
      ['asyncapi-2.yaml message user.signed_up', ['6:3 must NOT have additional property "plan"']],
      ['asyncapi-2.yaml message user.renamed', ['4:11 must NOT have fewer than 1 characters']],
    ]);
    expect(code).toBe(1);
    const byOperation = await report(
      ['renamed.json', '--schema', 'asyncapi-2.yaml', '--event', 'onUserSignedUp'],
      cwd,
    );
    expect(byOperation.report.files[0]!.schema).toBe('asyncapi-2.yaml message user.signed_up');
  });

  it('AsyncAPI 3: operations pointing at channel messages, multi-format payloads', async () => {
    const cwd = tree({
      'finished.json': json({ event: 'build.finished', build_id: 7, status: 'passed', duration_ms: -1 }),
      'started.json': json({ event: 'build.started', build_id: 8 }),
    });
    const { report: found } = await report(
      ['finished.json', 'started.json', '--schema', 'asyncapi-3.yaml'],
      cwd,
    );
    expect(found.files.map((file) => [file.schema, file.status])).toEqual([
      ['asyncapi-3.yaml message build.finished', 'invalid'],
      ['asyncapi-3.yaml message build.started', 'valid'],
    ]);
    expect(found.files[0]!.errors[0]).toMatchObject({
      pointer: '/duration_ms',
      message: 'must be >= 0',
      line: 5,
    });
  });
});

describe('API documents: bad input', () => {
  const cases: Array<[string, Record<string, string>, string[], string]> = [
    [
      'broken YAML',
      { 'api.yaml': 'openapi: 3.1.0\ninfo:\n  title: [x\n  version: 1\n' },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: not valid YAML at line 4 column 3: Flow sequence in block collection must be sufficiently indented and end with a ] (fix the schema; no payload was judged against it)\n',
    ],
    [
      'an OpenAPI document with no webhooks',
      {
        'api.yaml':
          'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /pets:\n    get:\n      responses: {}\n',
      },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: the OpenAPI document describes no webhooks: no "webhooks", "x-webhooks" or "callbacks" with a JSON request body (describe them under "webhooks" (OpenAPI 3.1), "x-webhooks", or an operation\'s "callbacks")\n',
    ],
    [
      'an unresolvable $ref',
      {
        'api.yaml':
          'openapi: 3.1.0\nwebhooks:\n  a.b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: "#/components/schemas/Nope"\n',
      },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: $ref "#/components/schemas/Nope" at line 9 column 21 resolves nowhere in the document (fix the schema; no payload was judged against it)\n',
    ],
    [
      // A "billion laughs": 10^8 nodes through aliases of aliases; refused before it is expanded.
      'a YAML alias bomb',
      {
        'api.yaml': `openapi: 3.1.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 7 },
          (_, index) =>
            `b${index + 1}: &b${index + 1} [${Array(10)
              .fill(index === 0 ? '*a' : `*b${index}`)
              .join(', ')}]`,
        ).join('\n')}\n`,
      },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: not valid YAML: Excessive alias count indicates a resource exhaustion attack (fix the schema; no payload was judged against it)\n',
    ],
    [
      'a YAML file that is no API document',
      { 'api.yaml': 'name: x\n' },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: not an OpenAPI or AsyncAPI document (no "openapi" or "asyncapi" field) (a .yaml --schema must be an OpenAPI 3.0/3.1 or AsyncAPI 2/3 document)\n',
    ],
    [
      'Swagger 2',
      { 'api.json': '{"openapi": "2.0"}' },
      ['--schema', 'api.json'],
      'webhook-cli: schema api.json is broken: OpenAPI 2.0 is not supported (use OpenAPI 3.0 or 3.1)\n',
    ],
    [
      'an AsyncAPI document with only Avro payloads',
      {
        'api.yaml':
          'asyncapi: 2.6.0\nchannels:\n  c:\n    subscribe:\n      message:\n        schemaFormat: application/vnd.apache.avro;version=1.9.0\n        payload: {type: record}\n',
      },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml is broken: the AsyncAPI document describes no message with a JSON Schema payload (1 with a payload format other than JSON Schema) (fix the schema; no payload was judged against it)\n',
    ],
    [
      'a payload schema that does not compile, named by its operation',
      {
        'api.yaml':
          'openapi: 3.1.0\nwebhooks:\n  a.b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, properties: {n: {minimum: "5"}}}\n',
      },
      ['--schema', 'api.yaml'],
      'webhook-cli: schema api.yaml webhook a.b is broken: /properties/n/minimum must be number (at line 8 column 62) (fix the schema; no payload was judged against it)\n',
    ],
  ];
  for (const [name, files, args, message] of cases) {
    it(name, async () => {
      const cwd = tree({ ...files, 'p.json': '{}\n' });
      const result = await runCli(['validate', 'p.json', ...args], { cwd });
      expect(result.stderr).toBe(message);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
    });
  }

  it('an unknown --event is an error for each payload, listing the operations', async () => {
    const cwd = tree({ 'p.json': json(paid) });
    const result = await runCli(
      ['validate', 'p.json', '--schema', 'openapi-3.1.yaml', '--event', 'invoice.pad'],
      { cwd },
    );
    expect(result.stdout).toBe(
      'p.json:1:1  error no schema chosen: event type "invoice.pad" (from --event); openapi-3.1.yaml has no operation "invoice.pad" for --event (it has invoice.paid, invoice.voided, customer.created)\n' +
        '1 file: 0 valid, 0 invalid, 1 error\n',
    );
    expect(result.code).toBe(2);
  });

  it('a payload whose type matches no operation says which there are', async () => {
    const cwd = tree({ 'p.json': json({ type: 'refund.created' }) });
    const result = await runCli(['validate', 'p.json', '--schema', 'asyncapi-3.yaml'], { cwd });
    expect(result.stdout).toBe(
      'p.json:1:1  error no schema chosen: event type "refund.created" (from body "type"); asyncapi-3.yaml has no operation for event type "refund.created" (it has BuildFinished, BuildStarted); name the event with --event <type> or add a --schema that covers it\n' +
        '1 file: 0 valid, 0 invalid, 1 error\n',
    );
  });
});

describe('several API documents', () => {
  it('each --schema document answers for its own payloads', async () => {
    const cwd = tree({
      'paid.json': json(paid),
      'started.json': json({ event: 'build.started', build_id: 'eight' }),
    });
    const { code, report: found } = await report(
      ['paid.json', 'started.json', '--schema', 'openapi-3.1.yaml', '--schema', 'asyncapi-3.yaml'],
      cwd,
    );
    expect(found.files.map((file) => [file.schema, file.status])).toEqual([
      ['openapi-3.1.yaml webhook invoice.paid', 'valid'],
      ['asyncapi-3.yaml message build.started', 'invalid'],
    ]);
    expect(code).toBe(1);
  });
});

describe('schemas check api.yaml', () => {
  it('checks every payload schema and components.schemas entry, located in the document', async () => {
    const cwd = tree({
      'bad.yaml':
        'openapi: 3.1.0\nwebhooks:\n  a.b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, properties: {n: {minimum: "5"}}}\ncomponents:\n  schemas:\n    X: {required: yes}\n',
      'broken.yaml': 'openapi: 3.1.0\ninfo:\n  title: [x\n  version: 1\n',
    });
    const result = await runCli(
      [
        'schemas',
        'check',
        'openapi-3.1.yaml',
        'openapi-3.0.yaml',
        'asyncapi-2.yaml',
        'asyncapi-3.yaml',
        'bad.yaml',
        'broken.yaml',
      ],
      { cwd },
    );
    expect(result.stdout).toBe(
      'bad.yaml:8:62  webhook a.b: must be number  (/webhooks/a.b/post/requestBody/content/application~1json/schema/properties/n/minimum)\n' +
        'bad.yaml:11:19  components/schemas/X: must be array  (/components/schemas/X/required)\n' +
        'broken.yaml:1:1  error not valid YAML at line 4 column 3: Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
        '6 files: 4 valid, 1 invalid, 1 error\n',
    );
    expect(result.code).toBe(2);
  });
});

describe('schemas show api.yaml', () => {
  it('lists each payload, the event types it answers to, and where its schema is', async () => {
    const result = await runCli(['schemas', 'show', 'asyncapi-3.yaml'], { cwd: tree() });
    expect(result.stdout).toBe(
      'asyncapi-3.yaml: AsyncAPI 3 document, 2 payloads (schemas as JSON Schema draft-07)\n\n' +
        'message build.finished\n  event types: BuildFinished, build.finished, receiveBuildFinished, builds, builds/{project}\n' +
        '  schema: #/components/messages/BuildFinished/payload/schema\n\n' +
        'message build.started\n  event types: BuildStarted, build.started, receiveBuildStarted, builds, builds/{project}\n' +
        '  schema: #/components/messages/BuildStarted/payload\n',
    );
    expect(result.code).toBe(0);
  });

  it('--json', async () => {
    const result = await runCli(['schemas', 'show', 'openapi-3.1.yaml', '--json'], { cwd: tree() });
    const shown = JSON.parse(result.stdout);
    expect(shown.kind).toBe('OpenAPI 3.1');
    expect(shown.payloads[0]).toEqual({
      operation: 'webhook invoice.paid',
      eventTypes: ['invoice.paid', 'invoicePaid'],
      schema: '#/webhooks/invoice.paid/post/requestBody/content/application~1json/schema',
    });
  });

  it('a document that cannot be read', async () => {
    const result = await runCli(['schemas', 'show', 'nope.yaml'], { cwd: tree() });
    expect(result.stderr).toBe('webhook-cli: schema nope.yaml: cannot read: no such file or directory\n');
    expect(result.code).toBe(2);
  });
});
