import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BodyPool } from '../../src/send/body-pool.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('webhook-cli-body-pool-');

describe('BodyPool', () => {
  it('reads each file whole and exactly, whether it fits the last block or not', () => {
    const small = Buffer.from('{"n":1}');
    const big = Buffer.alloc(5000, 'x');
    const dir = tree({ 'small.json': small, 'big.json': big, 'empty.json': '' });
    const pool = new BodyPool(4);
    expect(pool.readFile(join(dir, 'small.json'))).toEqual(small);
    // Longer than the block the small file left behind: read on into memory of its real size.
    expect(pool.readFile(join(dir, 'big.json'))).toEqual(big);
    expect(pool.readFile(join(dir, 'small.json'))).toEqual(small);
    expect(pool.readFile(join(dir, 'empty.json'))).toEqual(Buffer.alloc(0));
  });

  it('refuses a file over maxBytes, naming it as shown, whether or not it fits the last block', () => {
    const dir = tree({ 'big.json': Buffer.alloc(5000, 'x'), 'mid.json': Buffer.alloc(600, 'y') });
    const pool = new BodyPool(4);
    expect(() => pool.readFile(join(dir, 'big.json'), 'big.json', 1000)).toThrow(
      'big.json: larger than --max-file-size (1000 B)',
    );
    pool.readFile(join(dir, 'big.json'));
    // The block the big file left behind holds this one whole: the bound is still checked.
    expect(() => pool.readFile(join(dir, 'mid.json'), 'mid.json', 500)).toThrow(
      'mid.json: larger than --max-file-size (500 B)',
    );
    expect(pool.readFile(join(dir, 'mid.json'), 'mid.json', 600)).toHaveLength(600);
  });

  it('gives a released body’s memory to the next file of a similar size, and only then', () => {
    const dir = tree({ 'a.json': '{"a":1}', 'b.json': '{"b":2}' });
    const pool = new BodyPool(4);
    const first = pool.readFile(join(dir, 'a.json'));
    const memory = first.buffer;
    // Still in use: the next file gets other memory, and the first body is not overwritten.
    const second = pool.readFile(join(dir, 'b.json'));
    expect(second.buffer).not.toBe(memory);
    expect(String(first)).toBe('{"a":1}');
    pool.release(first);
    const third = pool.readFile(join(dir, 'b.json'));
    expect(third.buffer).toBe(memory);
    expect(String(third)).toBe('{"b":2}');
  });

  it('keeps at most keepPerSize blocks of a size, and ignores what it did not hand out', () => {
    const pool = new BodyPool(1);
    const a = pool.take(100);
    const b = pool.take(100);
    pool.release(a);
    pool.release(b); // over the limit: dropped
    pool.release(Buffer.alloc(100)); // not the pool's
    pool.release(a); // twice: no second copy of the same memory
    expect(pool.take(100).buffer).toBe(a.buffer);
    const fresh = pool.take(100);
    expect(fresh.buffer).not.toBe(a.buffer);
    expect(fresh.buffer).not.toBe(b.buffer);
  });

  it('does not pool bodies over 1 MB', () => {
    const pool = new BodyPool(4);
    const huge = pool.take(2 * 1024 * 1024);
    expect(huge).toHaveLength(2 * 1024 * 1024);
    pool.release(huge);
    expect(pool.take(2 * 1024 * 1024).buffer).not.toBe(huge.buffer);
  });

  it('throws the file system error for a file that cannot be read', () => {
    const pool = new BodyPool(4);
    expect(() => pool.readFile(join(tree({}), 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });
});
