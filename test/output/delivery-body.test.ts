import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { classifyContent } from '../../src/listen/read-content.js';
import { prettyJson, renderDeliveryBody } from '../../src/output/delivery-body.js';

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
      renderDeliveryBody(classifyContent(Buffer.from(bytes), type), plain);
    expect(render('')).toEqual(['(empty body)']);
    expect(render('a=1&b=%E2%9C%94', 'application/x-www-form-urlencoded')).toEqual(['a = 1', 'b = ✔']);
    expect(render('{"broken":', 'application/json')[0]).toMatch(/^\(not valid JSON: /);
    expect(render('plain\r\ntext\n', 'text/plain')).toEqual(['plain\\r', 'text']);
    expect(render(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toEqual(['binary, 4 B: de ad be ef']);
    // Valid UTF-8 with NUL and no Content-Type is treated as binary.
    expect(render('ab\u0000')).toEqual(['binary, 3 B: 61 62 00']);
  });
});
