import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { CliError } from '../errors.js';
import { rememberDeliveryJson } from '../output/delivery-json.js';
import { rememberDeliveryText } from '../output/delivery-text.js';
import { batchMessages } from './batch-messages.js';
import type { Delivery, DeliveryContent } from './delivery.js';
import type {
  DeliveryLines,
  Findings,
  SentContent,
  ThreadJob,
  ThreadReply,
  ThreadSetup,
} from './delivery-worker.js';
import {
  acceptedDelivery,
  type DeliveryFindings,
  type DeliveryHandler,
  type ReceivedRequest,
  type Respond,
} from './handle-delivery.js';
import type { HandlerDeps, HandlerOptions } from './prepare-handler.js';
import { toThreadOptions } from './thread-options.js';

/**
 * A delivery handler on a thread of its own (delivery-worker.ts): the listener's thread only
 * receives requests, answers them and tells its subscribers, while the checks and forwarding of
 * the deliveries before run beside it on the other core (issue #18). Resolves to null
 * where there is no such thread to start (run from the TypeScript sources, as unit tests do): the
 * caller then handles deliveries on its own thread, with the same settings and the same results.
 */
export async function startDeliveryThread(
  options: HandlerOptions,
  deps: HandlerDeps,
  {
    lines,
    fallback,
    script = new URL('./delivery-worker.js', import.meta.url),
  }: {
    /**
     * `listen --json`: encode each delivery's line on the thread too; with `fd`, write it there
     * from the thread (a file or a pipe: see directDescriptor), for the deliveries `events` shows.
     * With `text`, render the text view there instead.
     */
    lines?: DeliveryLines;
    /**
     * Makes a handler on this thread, for the deliveries after the thread stopped (it cannot, short
     * of a crash); without it they fail too.
     */
    fallback?: () => Promise<DeliveryHandler>;
    /** The thread's script: delivery-worker.js beside this file, unless a test gives another. */
    script?: URL;
  } = {},
): Promise<DeliveryHandler | null> {
  if (!existsSync(fileURLToPath(script))) return null;
  const { Worker } = await import('node:worker_threads');
  const setup: ThreadSetup = {
    options: toThreadOptions(options),
    cwd: deps.cwd,
    ...(lines && { lines }),
  };
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: setup });
  } catch (error) {
    // Settings a message cannot carry (a provider description with functions of its own).
    if ((error as Error).name === 'DataCloneError') return null;
    throw error;
  }
  // Warnings may come before the thread is ready (the validator cache, while schemas load).
  const first = await new Promise<ThreadReply | Error>((resolve) => {
    const onStartup = (replies: ThreadReply[]) => {
      const reply = replies[0] as ThreadReply;
      if ('warning' in reply) {
        deps.warn?.(reply.warning);
        return;
      }
      worker.off('message', onStartup);
      resolve(reply);
    };
    worker.on('message', onStartup);
    worker.once('error', resolve);
  });
  if (!('ready' in first)) {
    await worker.terminate();
    // A thread that cannot start (under `node --input-type=module -e`, Node refuses to start one
    // from a file): this thread handles deliveries instead.
    if (first instanceof Error) return null;
    if ('failure' in first) {
      const { message, hint, exitCode } = first.failure;
      throw new CliError(message, {
        ...(hint !== undefined && { hint }),
        ...(exitCode !== undefined && { exitCode }),
      });
    }
    throw new Error('the delivery thread did not start');
  }

  interface Waiting {
    request: ReceivedRequest;
    respond: Respond;
    resolve: (delivery: Delivery) => void;
    reject: (error: Error) => void;
  }
  const pending = new Map<number, Waiting>();
  let seq = 0;
  let broken: Error | null = null;
  let here: Promise<DeliveryHandler> | undefined;
  let decoding: [number, number] = [0, 0];
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const fail = (error: Error) => {
    broken ??= error;
    for (const waiting of pending.values()) waiting.reject(broken);
    pending.clear();
    markClosed();
  };
  const post = batchMessages<ThreadJob>((jobs) => worker.postMessage(jobs));
  worker.on('message', (replies: ThreadReply[]) => {
    for (const reply of replies) receive(reply);
  });
  const receive = (reply: ThreadReply) => {
    if ('closed' in reply) {
      markClosed();
      return;
    }
    if ('warning' in reply) {
      deps.warn?.(reply.warning);
      return;
    }
    if (!('seq' in reply)) return;
    const waiting = pending.get(reply.seq);
    if (!waiting) return;
    pending.delete(reply.seq);
    if ('error' in reply) {
      waiting.reject(new Error(reply.error));
      return;
    }
    decoding = reply.decoding;
    const { status, headers, body } = reply.answer;
    waiting.respond(status, headers, typeof body === 'string' ? body : asBuffer(body));
    const delivery = deliveryOf(waiting.request, reply.findings);
    if (reply.line === 'written') rememberDeliveryJson(delivery, 'written');
    else if (reply.line && lines?.text) rememberDeliveryText(delivery, asBuffer(reply.line));
    else if (reply.line) rememberDeliveryJson(delivery, asBuffer(reply.line));
    waiting.resolve(delivery);
  };
  worker.on('error', (error: Error) => fail(new Error(`the delivery thread failed: ${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`the delivery thread stopped (exit code ${code})`)));

  return {
    outline: first.ready,
    decoding: { total: first.decodingTotal, inUse: () => decoding[0], peak: () => decoding[1] },
    handle(request, respond) {
      if (broken) {
        if (!fallback) return Promise.reject(broken);
        here ??= fallback();
        return here.then((handler) => handler.handle(request, respond));
      }
      seq += 1;
      const job: ThreadJob = { seq, request };
      return new Promise<Delivery>((resolve, reject) => {
        pending.set(job.seq, { request, respond, resolve, reject });
        post(job);
      });
    },
    async close(force = false) {
      await (await here)?.close(force);
      if (!broken) {
        post({ close: true, force });
        await closed;
      }
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The delivery as the handler made it: the request as this thread received it, and the findings. */
function deliveryOf(request: ReceivedRequest, sent: Findings): Delivery {
  const findings: DeliveryFindings = Object.assign(sent, {
    content: receivedContent(sent.content, request.body),
  });
  return acceptedDelivery(request, findings);
}

function receivedContent(sent: SentContent, body: Buffer): DeliveryContent {
  if (sent.kind === 'json') return parsedWhenAsked(sent.text ?? body);
  if (sent.kind !== 'binary') return sent;
  const bytes = sent.bytes ? asBuffer(sent.bytes) : body;
  return sent.decodeError === undefined
    ? { kind: 'binary', bytes }
    : { kind: 'binary', bytes, decodeError: sent.decodeError };
}

/**
 * A JSON body whose text is decoded and value parsed on first use: `--json` lines copy the body's
 * bytes, and the handler's thread already parsed it once to check it.
 */
function parsedWhenAsked(source: string | Buffer): DeliveryContent {
  let text = typeof source === 'string' ? source : undefined;
  let parsed: { value: unknown } | undefined;
  return {
    kind: 'json',
    get text() {
      text ??= source.toString('utf8');
      return text;
    },
    get value() {
      parsed ??= { value: JSON.parse(this.text) };
      return parsed.value;
    },
  };
}
