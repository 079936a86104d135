import type { OutputStream } from '../deps.js';

export interface BatchedWriter {
  write(chunk: string | Buffer): void;
  /** Writes what is pending now. */
  flush(): void;
}

/**
 * Collects text and writes it in one call per turn of the event loop: under load many deliveries
 * finish in the same turn, and stdout redirected to a file is written synchronously by Node, so one
 * write per delivery would put a system call on every request's path.
 */
export function createBatchedWriter(stream: OutputStream, maxPending = 256 * 1024): BatchedWriter {
  let pending: Array<string | Buffer> = [];
  let buffers = false;
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunks = pending;
    const joined = !buffers
      ? chunks.join('')
      : Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
    pending = [];
    buffers = false;
    size = 0;
    stream.write(joined);
  };
  return {
    write(chunk) {
      pending.push(chunk);
      if (typeof chunk !== 'string') buffers = true;
      size += chunk.length;
      if (size >= maxPending) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
