// Writes `count` JSON payloads of about `size` bytes into `dir` (000001.json, ...), each different.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function payloadOf(size, n) {
  const head = `{"id":"evt_${String(n).padStart(8, '0')}","type":"bench.event","data":{"padding":"`;
  const tail = '"}}';
  return head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
}

export function writePayloads(dir, count, size) {
  mkdirSync(dir, { recursive: true });
  for (let n = 1; n <= count; n += 1) {
    writeFileSync(join(dir, `${String(n).padStart(6, '0')}.json`), payloadOf(size, n));
  }
}
