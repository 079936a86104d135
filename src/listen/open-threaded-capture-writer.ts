import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Capture } from '../capture/capture.js';
import { type CaptureWriter, openCaptureWriter } from '../capture/capture-writer.js';
import type { WriteReply, WriteRequest } from './capture-worker.js';

export interface ClosableCaptureWriter extends CaptureWriter {
  /** Resolves once every write has finished; the writer's thread stops. */
  close(): Promise<void>;
}

/**
 * A capture writer whose serialising and file system work (about half of a delivery's cost with
 * `--save`) runs on a worker thread, so the listener's own thread keeps answering. The directory is
 * checked here first, so an unwritable `--save` still fails before listening. Falls back to writing
 * on this thread when the worker cannot start (e.g. when running from TypeScript sources) or dies.
 */
export async function openThreadedCaptureWriter(
  dir: string,
  /** The thread's script: capture-worker.js beside this file, unless a test gives another. */
  workerFile = new URL('./capture-worker.js', import.meta.url),
): Promise<ClosableCaptureWriter> {
  const local = await openCaptureWriter(dir);
  const fallback: ClosableCaptureWriter = {
    dir: local.dir,
    write: (capture) => local.write(capture),
    close: async () => {},
  };
  if (
    !(await access(fileURLToPath(workerFile)).then(
      () => true,
      () => false,
    ))
  )
    return fallback;

  const worker = new Worker(workerFile, { workerData: { dir } });
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', (reply: WriteReply) => resolve('ready' in reply));
    worker.once('error', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return fallback;
  }

  interface Waiting {
    resolve: (path: string) => void;
    reject: (error: Error) => void;
  }
  // Captures wait in `queue` until the end of the event loop's turn, then go to the thread in one
  // message, and come back in one reply. A message to a thread that sleeps wakes it, and that is
  // its dear part (measured at 0.2-0.3 ms for the sender on a 2-core virtual machine): one message
  // each way per capture cost more than writing the capture.
  let queue: Array<{ seq: number; capture: Capture } & Waiting> = [];
  const sent = new Map<number, Waiting>();
  let seq = 0;
  let broken: Error | null = null;
  let drained: (() => void) | null = null;
  const settled = () => {
    if (drained && queue.length === 0 && sent.size === 0) drained();
  };
  const flush = () => {
    const batch = queue;
    queue = [];
    // After a crash, deliveries are still saved, on this thread.
    if (broken) {
      for (const { capture, resolve, reject } of batch) local.write(capture).then(resolve, reject);
      settled();
      return;
    }
    for (const request of batch) sent.set(request.seq, request);
    worker.postMessage(
      batch.map((request): WriteRequest => ({ seq: request.seq, capture: request.capture })),
    );
  };
  worker.on('message', (reply: WriteReply) => {
    if ('ready' in reply) return;
    for (const result of reply) {
      const waiting = sent.get(result.seq);
      sent.delete(result.seq);
      if ('path' in result) waiting?.resolve(result.path);
      else
        waiting?.reject(
          Object.assign(new Error(result.error), result.code !== undefined && { code: result.code }),
        );
    }
    settled();
  });
  const fail = (error: Error) => {
    broken = error;
    for (const waiting of sent.values()) waiting.reject(error);
    sent.clear();
    settled();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the capture writer thread stopped (exit code ${code})`)));

  return {
    dir: local.dir,
    write(capture) {
      if (broken) return local.write(capture);
      seq += 1;
      return new Promise<string>((resolve, reject) => {
        if (queue.push({ seq, capture, resolve, reject }) === 1) setImmediate(flush);
      });
    },
    async close() {
      // Writes already asked for are finished first (their senders are waiting for them).
      if (queue.length > 0 || sent.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
