import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDescriptorStream, regularFileDescriptor } from '../../src/output/file-descriptor.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('file-descriptor-');

describe('regularFileDescriptor', () => {
  it('gives the descriptor of a regular file, and null for anything else', async () => {
    const dir = tree({});
    const fd = openSync(join(dir, 'out.ndjson'), 'w');
    const devNull = openSync('/dev/null', 'w');
    try {
      expect(regularFileDescriptor({ write: () => true, fd })).toBe(fd);
      expect(regularFileDescriptor({ write: () => true, fd: devNull })).toBeNull();
      expect(regularFileDescriptor({ write: () => true })).toBeNull();
      // A descriptor that is not open.
      expect(regularFileDescriptor({ write: () => true, fd: 1_000_000 })).toBeNull();
    } finally {
      closeSync(fd);
      closeSync(devNull);
    }
  });

  it('writes text and bytes to the descriptor in order', async () => {
    const dir = tree({});
    const file = join(dir, 'out.ndjson');
    const fd = openSync(file, 'w');
    const stream = fileDescriptorStream(fd);
    stream.write('{"a":1}\n');
    stream.write(Buffer.from('{"b":"é"}\n'));
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"é"}\n');
  });
});
