// Handles the listener's deliveries on a thread of its own (see delivery-thread.ts): content,
// sender, signature, event type, validation, the scripted answer, forwarding and the capture.
import { parentPort, workerData } from 'node:worker_threads';
import { realClock } from '../deps.js';
import { CliError, type ExitCode } from '../errors.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { type BatchedWriter, createBatchedWriter } from '../output/batched-writer.js';
import { colorsAt } from '../output/colors.js';
import { encodeDeliveryJson, encodeDeliveryJsonLine } from '../output/delivery-json.js';
import { type DeliveryTextView, renderDeliveryText } from '../output/delivery-text.js';
import { fileDescriptorStream } from '../output/file-descriptor.js';
import type { Delivery } from './delivery.js';
import {
  type DeliveryFindings,
  type DeliveryHandler,
  deliveryFindings,
  type ReceivedRequest,
} from './handle-delivery.js';
import { eventShown } from './match-route.js';
import { openDeliveryHandler } from './prepare-handler.js';
import type { HandlerOutline } from './settings-outline.js';
import { fromThreadOptions, type ThreadOptions } from './thread-options.js';

export interface ThreadSetup {
  options: ThreadOptions;
  cwd: string;
  /** What the listener prints of each delivery, made here too (see DeliveryLines). */
  lines?: DeliveryLines;
}

/**
 * `listen --json`: each delivery's line is encoded here (see rememberDeliveryJson) and sent back
 * with its reply, or, with `fd` (stdout redirected to a file or a pipe), written there from this
 * thread. With `text`, the text view instead (see rememberDeliveryText), rendered here with those
 * settings and always sent back. Only for the deliveries `events` (`--events`) shows.
 */
export interface DeliveryLines {
  fd?: number;
  events?: readonly string[];
  text?: DeliveryTextView;
}

/** Each message is a batch of jobs (batch-messages.ts), each answer a list of replies. */
export type ThreadJob =
  | { seq: number; request: Omit<ReceivedRequest, 'body'> & { body: Uint8Array } }
  | { close: true; force: boolean };

/**
 * The content as it travels back: a JSON body without its parsed value (the listener's thread
 * parses the text again only if something asks for it) and without its text when that is the body
 * itself, binary bytes only when they are not the body.
 */
export type SentContent =
  | Exclude<Delivery['content'], { kind: 'json' } | { kind: 'binary' }>
  | { kind: 'json'; text?: string }
  | { kind: 'binary'; bytes?: Uint8Array; decodeError?: string };

/** What the handler found (the request's own parts, id, headers, body, ..., are not sent back). */
export type Findings = Omit<DeliveryFindings, 'content'> & { content: SentContent };

export type ThreadReply =
  | { ready: HandlerOutline; decodingTotal: number }
  | { failure: { message: string; hint?: string; exitCode?: ExitCode } }
  | {
      seq: number;
      answer: { status: number; headers: HeaderList; body: Uint8Array | string };
      findings: Findings;
      /** The decoding budget's bytes in use and peak. */
      decoding: [number, number];
      /** The delivery's `--json` line or text view, when the setup asks for them, or `written` (to `fd`). */
      line?: Uint8Array | 'written';
    }
  | { seq: number; error: string }
  /** Said on the listener's stderr (see HandlerDeps.warn). */
  | { warning: string }
  | { closed: true };

function sentContent(delivery: Delivery): SentContent {
  const { content } = delivery;
  if (content.kind === 'json') {
    // Undecoded (see handle-delivery.ts), the text is the body's UTF-8.
    return getHeader(delivery.headers, 'content-encoding') === undefined
      ? { kind: 'json' }
      : { kind: 'json', text: content.text };
  }
  if (content.kind === 'binary' && content.bytes === delivery.body) {
    return content.decodeError === undefined
      ? { kind: 'binary' }
      : { kind: 'binary', decodeError: content.decodeError };
  }
  return content;
}

function findingsOf(delivery: Delivery): Findings {
  const findings: Findings = deliveryFindings(delivery);
  findings.content = sentContent(delivery);
  return findings;
}

async function serve(port: NonNullable<typeof parentPort>, setup: ThreadSetup): Promise<void> {
  // One message a reply, sent as soon as it is ready (see batch-messages.ts for why).
  const post = (reply: ThreadReply, transfer?: ArrayBuffer) =>
    port.postMessage([reply], transfer ? [transfer] : []);
  let handler: DeliveryHandler;
  try {
    handler = await openDeliveryHandler(fromThreadOptions(setup.options), {
      cwd: setup.cwd,
      clock: realClock,
      warn: (warning) => post({ warning }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({
      failure:
        error instanceof CliError
          ? { message, ...(error.hint !== undefined && { hint: error.hint }), exitCode: error.exitCode }
          : { message },
    });
    return;
  }
  const lines = setup.lines;
  const text = lines?.text && { ...lines.text, colors: await colorsAt(lines.text.colorLevel) };
  const encoder = new TextEncoder();
  // One write per turn of the event loop, like the listener's own stdout (batched-writer.ts).
  // Should a write fail (the reader of the pipe gone, a full disk), the lines after it go back to
  // the listener's thread, whose stdout then fails the way it always does (src/deps.ts).
  let file: BatchedWriter | null =
    lines?.fd === undefined || text
      ? null
      : createBatchedWriter(
          fileDescriptorStream(lines.fd, () => {
            file = null;
          }),
        );
  const lineOf = (delivery: Delivery): Uint8Array | 'written' | undefined => {
    if (!lines) return undefined;
    if (text) {
      if (!eventShown(delivery.event, lines.events)) return undefined;
      try {
        return encoder.encode(renderDeliveryText(delivery, text));
      } catch {
        // Rendered again on the listener's thread, which says what failed.
        return undefined;
      }
    }
    if (!file) return encodeDeliveryJsonLine(delivery);
    if (eventShown(delivery.event, lines.events)) {
      for (const chunk of encodeDeliveryJson(delivery)) file.write(chunk);
    }
    return 'written';
  };
  port.on('message', (jobs: ThreadJob[]) => {
    for (const job of jobs) run(job);
  });
  const run = (job: ThreadJob) => {
    if ('close' in job) {
      void handler.close(job.force).then(() => {
        file?.flush();
        post({ closed: true });
      });
      return;
    }
    const { seq, request } = job;
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    let answer: { status: number; headers: HeaderList; body: Uint8Array | string } | undefined;
    handler
      .handle({ ...request, body }, (status, headers, responseBody) => {
        answer = { status, headers, body: responseBody };
      })
      .then(
        (delivery) => {
          const line = lineOf(delivery);
          post(
            {
              seq,
              answer: answer ?? {
                status: 500,
                headers: [],
                body: 'webhook-cli: the delivery was not answered\n',
              },
              findings: findingsOf(delivery),
              decoding: [handler.decoding.inUse(), handler.decoding.peak()],
              ...(line && { line }),
            },
            typeof line === 'object' ? (line.buffer as ArrayBuffer) : undefined,
          );
        },
        (error: unknown) => post({ seq, error: error instanceof Error ? error.message : String(error) }),
      );
  };
  post({ ready: handler.outline, decodingTotal: handler.decoding.total });
}

if (parentPort) await serve(parentPort, workerData as ThreadSetup);
