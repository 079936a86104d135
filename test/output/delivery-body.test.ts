import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { classifyContent } from '../../src/listen/read-content.js';
import {
  MAX_TREE_DEPTH,
  prettyJson,
  prettyJsonLineCount,
  renderDeliveryBody,
} from '../../src/output/delivery-body.js';
import { jsonShapeOf, scanJsonShape } from '../../src/output/delivery-json-shape.js';

const plain = new Chalk({ level: 0 });

describe('renderDeliveryBody', () => {
  it('pretty-prints JSON with colours for keys, strings, numbers and literals', () => {
    const colors = new Chalk({ level: 1 });
    const lines = prettyJson({ a: 'x', b: 1, c: [true, null], d: {}, e: [] }, colors);
    expect(lines.join('\n')).toBe(
      [
        '{',
        '  \u001b[36m"a"\u001b[39m: \u001b[32m"x"\u001b[39m,',
        '  \u001b[36m"b"\u001b[39m: \u001b[33m1\u001b[39m,',
        '  \u001b[36m"c"\u001b[39m: [',
        '    \u001b[35mtrue\u001b[39m,',
        '    \u001b[35mnull\u001b[39m',
        '  ],',
        '  \u001b[36m"d"\u001b[39m: {},',
        '  \u001b[36m"e"\u001b[39m: []',
        '}',
      ].join('\n'),
    );
  });

  it('shows each kind of body', () => {
    const render = (bytes: string | Buffer, type?: string) =>
      renderDeliveryBody(classifyContent(Buffer.from(bytes), type), plain).lines;
    expect(render('')).toEqual(['(empty body)']);
    expect(render('a=1&b=%E2%9C%94', 'application/x-www-form-urlencoded')).toEqual(['a = 1', 'b = ✔']);
    expect(render('{"broken":', 'application/json')[0]).toMatch(/^\(not valid JSON: /);
    expect(render('plain\r\ntext\n', 'text/plain')).toEqual(['plain\\r', 'text']);
    expect(render(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toEqual(['binary, 4 B: de ad be ef']);
    // Valid UTF-8 with NUL and no Content-Type is treated as binary.
    expect(render('ab\u0000')).toEqual(['binary, 3 B: 61 62 00']);
  });
});

describe('the lines shown of a JSON body (--max-lines)', () => {
  const require = createRequire(import.meta.url);
  const events = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
    examples: unknown[];
  }>;
  // Every example pretty-printed as GitHub sends it, and compact, as other senders do.
  const bodies = events
    .flatMap((event) => event.examples)
    .flatMap((example) => [JSON.stringify(example, null, 2), JSON.stringify(example)]);

  it('are the first lines of the whole tree, rendered no further, with the whole count', () => {
    expect(bodies.length).toBe(658);
    const colors = new Chalk({ level: 1 });
    for (const text of bodies) {
      const value = JSON.parse(text) as unknown;
      const whole = prettyJson(value, colors);
      expect(prettyJsonLineCount(value)).toBe(whole.length);
      for (const limit of [0, 1, 7, 40]) {
        expect(renderDeliveryBody({ kind: 'json', text, value }, colors, limit)).toEqual({
          lines: whole.slice(0, limit),
          total: whole.length,
        });
      }
      expect(renderDeliveryBody({ kind: 'json', text, value }, colors)).toEqual({
        lines: whole,
        total: whole.length,
      });
    }
  });

  it('note duplicate keys and deep nesting as the full scan finds them', () => {
    const texts = [
      ...bodies.slice(0, 40),
      '{"k\\"":1,"k\\u0022":2,"x":"{\\"k\\":1}"}',
      '{"a/b":[0,{"~":{"z":1,"z":2}}]}',
      '{"a\\\\":1, "b" \n :"\\\\\\"", "c":{"d":"}:{[", "d":2}}',
      '{"s":"a\\\\","s":"b"}',
      '[{"a":1,"a":2},{"a":3}]',
      '"just a string"',
      '[]',
      `${'['.repeat(70)}1${']'.repeat(70)}`,
      `${'{"a":'.repeat(70)}{"b":1,"b":2}${'}'.repeat(70)}`,
    ];
    for (const text of texts) {
      expect(jsonShapeOf(text, JSON.parse(text), MAX_TREE_DEPTH)).toEqual(scanJsonShape(text));
    }
    expect(jsonShapeOf('{"a":1,"a":2}', { a: 2 }, MAX_TREE_DEPTH).duplicates).toEqual([
      { pointer: '', key: 'a' },
    ]);
  });

  it('end with how many more lines there are, in the text view', () => {
    const text = JSON.stringify({ list: Array.from({ length: 50 }, (_, index) => index) }, null, 2);
    const body = renderDeliveryBody(classifyContent(Buffer.from(text), 'application/json'), plain, 40);
    expect(body.lines).toHaveLength(40);
    expect(body.lines.at(-1)).toBe('    37,');
    expect(body.total).toBe(54);
  });
});
