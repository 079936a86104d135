import type { OutputStream } from '../deps.js';

export interface BatchedWriter {
  write(text: string): void;
  /** Writes what is pending now. */
  flush(): void;
}

/**
 * Collects text and writes it in one call per turn of the event loop: under load many deliveries
 * finish in the same turn, and stdout redirected to a file is written synchronously by Node, so one
 * write per delivery would put a system call on every request's path.
 */
export function createBatchedWriter(stream: OutputStream, maxPending = 256 * 1024): BatchedWriter {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join('');
    pending = [];
    size = 0;
    stream.write(text);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= maxPending) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
