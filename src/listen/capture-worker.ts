// Writes captures for the listener on its own thread (see open-threaded-capture-writer.ts).
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Capture } from '../capture/capture.js';
import { openCaptureWriter } from '../capture/capture-writer.js';

export interface WriteRequest {
  seq: number;
  capture: Omit<Capture, 'body'> & { body: Uint8Array };
}

export type WriteResult =
  | { seq: number; path: string }
  /** `code`: the file system error's code (ENOENT, ENOSPC, ...), when it has one. */
  | { seq: number; error: string; code?: string };

/** The listener sends captures in batches, and gets one reply per batch: its results, in order. */
export type WriteReply = WriteResult[] | { ready: true };

const port = parentPort;
if (port) {
  const writer = await openCaptureWriter((workerData as { dir: string }).dir, { blocking: true });
  port.on('message', async (first: WriteRequest[]) => {
    const results: WriteResult[] = [];
    // Batches that arrived meanwhile are written too, and answered in the same reply.
    for (
      let batch: WriteRequest[] | undefined = first;
      batch;
      batch = results.length < 64 ? receiveMessageOnPort(port)?.message : undefined
    )
      for (const { seq, capture } of batch) {
        const { body } = capture;
        try {
          const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
          results.push({ seq, path: await writer.write({ ...capture, body: bytes }) });
        } catch (error) {
          const { message, code } = error as NodeJS.ErrnoException;
          results.push({ seq, error: message, ...(code !== undefined && { code }) });
        }
      }
    port.postMessage(results satisfies WriteReply);
  });
  port.postMessage({ ready: true } satisfies WriteReply);
}
