import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directDescriptor, fileDescriptorStream } from '../../src/output/file-descriptor.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('file-descriptor-');

describe('directDescriptor', () => {
  it('gives the descriptor of a regular file, and null for anything else', async () => {
    const dir = tree({});
    const fd = openSync(join(dir, 'out.ndjson'), 'w');
    const devNull = openSync('/dev/null', 'w');
    try {
      expect(directDescriptor({ write: () => true, fd })).toBe(fd);
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      const fifo = openSync(join(dir, 'fifo'), constants.O_RDWR | constants.O_NONBLOCK);
      expect(directDescriptor({ write: () => true, fd: fifo })).toBe(fifo);
      closeSync(fifo);
      expect(directDescriptor({ write: () => true, fd: devNull })).toBeNull();
      expect(directDescriptor({ write: () => true })).toBeNull();
      // A descriptor that is not open.
      expect(directDescriptor({ write: () => true, fd: 1_000_000 })).toBeNull();
    } finally {
      closeSync(fd);
      closeSync(devNull);
    }
  });

  it('writes text and bytes to the descriptor in order', async () => {
    const dir = tree({});
    const file = join(dir, 'out.ndjson');
    const fd = openSync(file, 'w');
    const stream = fileDescriptorStream(fd, (error) => {
      throw error;
    });
    stream.write('{"a":1}\n');
    stream.write(Buffer.from('{"b":"é"}\n'));
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"é"}\n');
  });

  it('waits for a full pipe to drain (EAGAIN) and loses nothing', async () => {
    const dir = tree({});
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    // Non-blocking, as Node makes stdout's pipe: a write to a full pipe fails with EAGAIN.
    const fd = openSync(join(dir, 'fifo'), constants.O_RDWR | constants.O_NONBLOCK);
    const out = openSync(join(dir, 'out'), 'w');
    const reader = spawn('cat', [join(dir, 'fifo')], { stdio: ['ignore', out, 'inherit'] });
    closeSync(out);
    const done = new Promise((resolve) => reader.on('exit', resolve));
    const line = `${'x'.repeat(1023)}\n`;
    const stream = fileDescriptorStream(fd, (error) => {
      throw error;
    });
    // Sixteen times what a pipe holds (64 KB).
    for (let n = 0; n < 1024; n += 1) stream.write(line);
    closeSync(fd);
    expect(await done).toBe(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(line.repeat(1024));
  });

  it('hands any other failure to onError and drops the chunk: a pipe whose reader is gone', () => {
    const dir = tree({});
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const reader = openSync(join(dir, 'fifo'), constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(join(dir, 'fifo'), constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(reader);
    const errors: string[] = [];
    const stream = fileDescriptorStream(fd, (error) =>
      errors.push((error as NodeJS.ErrnoException).code ?? ''),
    );
    expect(stream.write('lost\n')).toBe(false);
    closeSync(fd);
    expect(errors).toEqual(['EPIPE']);
  });
});
