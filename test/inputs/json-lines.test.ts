import { afterEach, describe, expect, it, vi } from 'vitest';
import { splitLines } from '../../src/inputs/json-lines.js';

async function linesOf(chunks: Array<string | Buffer>, maxLineBytes?: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of splitLines(
    chunks.map((chunk) => Buffer.from(chunk)),
    maxLineBytes,
  ))
    lines.push(String(line));
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('splitLines', () => {
  it('splits on LF, drops the CR of CRLF (also when CR and LF are in different chunks), keeps blank lines', async () => {
    expect(await linesOf(['{"a":1}\r', '\n\n{"b"', ':2}\r\n{"c":3}'])).toEqual([
      '{"a":1}',
      '',
      '{"b":2}',
      '{"c":3}',
    ]);
    expect(await linesOf(['one\n'])).toEqual(['one']);
    expect(await linesOf([])).toEqual([]);
  });

  it('keeps bytes as bytes: a UTF-8 character split across chunks comes out whole', async () => {
    const euro = Buffer.from('€\n');
    expect(await linesOf([euro.subarray(0, 1), euro.subarray(1)])).toEqual(['€']);
  });

  it('joins a line that spans many chunks once, not again at every chunk', async () => {
    const chunks = [...Array.from({ length: 200 }, () => 'x'.repeat(1024)), '\n{"n":2}\n'];
    const concat = vi.spyOn(Buffer, 'concat');
    const lines = await linesOf(chunks);
    expect(lines.map((line) => line.length)).toEqual([200 * 1024, 7]);
    expect(concat).toHaveBeenCalledTimes(1);
  });

  it('gives null for a line over maxLineBytes, holding none of it, and goes on with the next lines', async () => {
    // Over the bound within one chunk, across chunks, and as the last line; a CRLF line at the bound passes.
    const chunks = ['12345\n1234', '56789\nabc', 'defghij', 'k\n12345\r\n', 'toolong!'];
    expect(await linesOf(chunks, 5)).toEqual(['12345', 'null', 'null', '12345', 'null']);
    expect(await linesOf(['123456\n'], 5)).toEqual(['null']);
    expect(await linesOf(['12345'], 5)).toEqual(['12345']);
  });
});
