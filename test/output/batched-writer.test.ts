import { describe, expect, it } from 'vitest';
import { createBatchedWriter } from '../../src/output/batched-writer.js';
import { BufferStream } from '../helpers/test-deps.js';

/** Resolves after the writer's setImmediate has run (it was scheduled before this one). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatchedWriter', () => {
  it('writes everything written in one turn of the event loop in one call, in order', async () => {
    const stream = new BufferStream();
    const writer = createBatchedWriter(stream);
    writer.write('a\n');
    writer.write('b\n');
    writer.write('c\n');
    expect(stream.chunks).toEqual([]);
    await nextTurn();
    expect(stream.chunks).toEqual(['a\nb\nc\n']);
    writer.write('d\n');
    await nextTurn();
    expect(stream.chunks).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('writes at once when the pending text reaches maxPending', () => {
    const stream = new BufferStream();
    const writer = createBatchedWriter(stream, 4);
    writer.write('ab');
    expect(stream.chunks).toEqual([]);
    writer.write('cd');
    expect(stream.chunks).toEqual(['abcd']);
  });

  it('joins strings and Buffers into one Buffer, bytes unchanged', async () => {
    const written: Array<string | Uint8Array> = [];
    const writer = createBatchedWriter({ isTTY: false, write: (chunk) => written.push(chunk) > 0 });
    writer.write('é');
    writer.write(Buffer.from([0xff, 0x00]));
    await nextTurn();
    expect(written).toHaveLength(1);
    expect(Buffer.from(written[0] as Uint8Array)).toEqual(Buffer.from([0xc3, 0xa9, 0xff, 0x00]));
  });

  it('flush writes what is pending now, and nothing when nothing is', async () => {
    const stream = new BufferStream();
    const writer = createBatchedWriter(stream);
    writer.flush();
    writer.write('x');
    writer.flush();
    expect(stream.chunks).toEqual(['x']);
    await nextTurn();
    expect(stream.chunks).toEqual(['x']);
  });
});
