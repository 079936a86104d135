import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  const pending = new Map<number, { resolve: (path: string) => void; reject: (error: Error) => void }>();
  /** Settles once no write is waiting for the thread: what `close` waits for. */
  let drained: Promise<void> = Promise.resolve();
  let markDrained: () => void = () => {};
  let seq = 0;
  let broken: Error | null = null;
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', (reply: WriteReply) => resolve('ready' in reply));
    worker.once('error', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return fallback;
  }
  worker.on('message', (reply: WriteReply) => {
    if ('ready' in reply) return;
    const waiting = pending.get(reply.seq);
    pending.delete(reply.seq);
    if (pending.size === 0) markDrained();
    if ('path' in reply) waiting?.resolve(reply.path);
    else
      waiting?.reject(
        Object.assign(new Error(reply.error), reply.code !== undefined && { code: reply.code }),
      );
  });
  const fail = (error: Error) => {
    broken = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    markDrained();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the capture writer thread stopped (exit code ${code})`)));

  return {
    dir: local.dir,
    write(capture) {
      // After a crash, deliveries are still saved, on this thread.
      if (broken) return local.write(capture);
      seq += 1;
      const request: WriteRequest = { seq, capture };
      if (pending.size === 0) {
        drained = new Promise((resolve) => {
          markDrained = resolve;
        });
      }
      return new Promise<string>((resolve, reject) => {
        pending.set(request.seq, { resolve, reject });
        worker.postMessage(request);
      });
    },
    async close() {
      // The writes already asked for finish first: their deliveries are answered once they are on disk.
      await drained;
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
