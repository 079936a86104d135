// Writes captures for the listener on its own thread (see open-threaded-capture-writer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Capture } from '../capture/capture.js';
import { openCaptureWriter } from '../capture/capture-writer.js';

export interface WriteRequest {
  seq: number;
  capture: Omit<Capture, 'body'> & { body: Uint8Array };
}

export type WriteReply =
  | { seq: number; path: string }
  /** `code`: the file system error's code (ENOENT, ENOSPC, ...), when it has one. */
  | { seq: number; error: string; code?: string }
  | { ready: true };

const port = parentPort;
if (port) {
  const writer = await openCaptureWriter((workerData as { dir: string }).dir, { blocking: true });
  port.on('message', ({ seq, capture }: WriteRequest) => {
    const { body } = capture;
    writer.write({ ...capture, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) }).then(
      (path) => port.postMessage({ seq, path } satisfies WriteReply),
      (error: NodeJS.ErrnoException) =>
        port.postMessage({
          seq,
          error: error.message,
          ...(error.code !== undefined && { code: error.code }),
        } satisfies WriteReply),
    );
  });
  port.postMessage({ ready: true } satisfies WriteReply);
}
