import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import type { CliResult } from '../helpers/run-cli.js';
import { makeDir, readFailedLines } from '../send/fixtures.js';

/** What the target does with one request for a payload, given how many times it saw that payload. */
export type Answer =
  /** Answer this status in full (a 2xx counts as delivered). */
  | { status: number; headers?: Record<string, string> }
  /** Never answer (until the target closes). */
  | 'hang'
  /** Write part of the status line and headers, then destroy the socket. */
  | 'drop-in-head'
  /** Write a 200 head promising 1000 bytes and part of the body, then destroy the socket. */
  | 'drop-in-body'
  /** Write a 200 head promising 1000 bytes and part of the body, then nothing more. */
  | 'stall-in-body'
  /** Write a 200 head promising 1000 bytes, then one byte every 40 ms, never finishing in time. */
  | 'trickle-body'
  /** Do not answer; destroy every connection and stop listening. */
  | 'go-away';

export interface Ledger {
  /** Payload id → requests for it that reached the target. */
  requests: Map<string, number>;
  /** Payload id → 2xx answers the target wrote in full. */
  delivered: Map<string, number>;
  /** Payload id → the `webhook-id` header of each request, when signed. */
  webhookIds: Map<string, string[]>;
}

export interface LedgerTarget extends HttpTarget {
  ledger: Ledger;
  /** Resolves once `count` requests have reached the target in all. */
  waitForTotal(count: number): Promise<void>;
  /** Resolves once the target has stopped listening after a 'go-away'. */
  gone: Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 port 0 that counts, per payload id (the `id` field of the JSON
 * body), the requests it saw and the 2xx answers it wrote in full, and answers from `decide`.
 */
export async function startLedgerTarget(
  decide: (id: string, seen: number, total: number) => Answer | Promise<Answer>,
): Promise<LedgerTarget> {
  const target = await startHttpTarget();
  const arrivals = new EventEmitter();
  const ledger: Ledger = { requests: new Map(), delivered: new Map(), webhookIds: new Map() };
  let total = 0;
  let markGone: () => void = () => {};
  const gone = new Promise<void>((resolve) => {
    markGone = resolve;
  });
  let closing = false;
  target.server.removeAllListeners('request');
  target.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (closing) return;
      const id = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).id);
      const seen = (ledger.requests.get(id) ?? 0) + 1;
      ledger.requests.set(id, seen);
      total += 1;
      const webhookId = req.headers['webhook-id'];
      if (typeof webhookId === 'string')
        ledger.webhookIds.set(id, [...(ledger.webhookIds.get(id) ?? []), webhookId]);
      arrivals.emit('request');
      const respond = (answer: Answer) => {
        if (answer === 'hang') return;
        if (answer === 'go-away') {
          closing = true;
          target.close().then(markGone, markGone);
          return;
        }
        if (answer === 'drop-in-head') {
          req.socket.end('HTTP/1.1 200 OK\r\nContent-Ty', () => req.socket.destroy());
          return;
        }
        if (answer === 'trickle-body') {
          res.writeHead(200, { 'content-length': '1000' });
          const drip = setInterval(() => res.write('x'), 40);
          res.on('close', () => clearInterval(drip));
          return;
        }
        if (answer === 'drop-in-body' || answer === 'stall-in-body') {
          res.writeHead(200, { 'content-length': '1000' });
          res.write('partial', () => {
            if (answer === 'drop-in-body') req.socket.destroy();
          });
          return;
        }
        res.writeHead(answer.status, answer.headers);
        res.end('answer', () => {
          if (answer.status >= 200 && answer.status < 300)
            ledger.delivered.set(id, (ledger.delivered.get(id) ?? 0) + 1);
        });
      };
      const decided = decide(id, seen, total);
      if (decided instanceof Promise) decided.then(respond);
      else respond(decided);
    });
  });
  const waitForTotal = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (total < count) return;
        arrivals.off('request', check);
        resolve();
      };
      arrivals.on('request', check);
      check();
    });
  return Object.assign(target, { ledger, gone, waitForTotal });
}

/** `batch.jsonl` with `count` JSON payloads `{"id":"p-0001",...}` in a fresh directory. */
export async function makeBatch(count: number, padding = 0): Promise<{ dir: string; ids: string[] }> {
  const ids = Array.from({ length: count }, (_, i) => `p-${String(i + 1).padStart(4, '0')}`);
  const dir = await makeDir();
  const filler = 'x'.repeat(padding);
  await writeFile(
    join(dir, 'batch.jsonl'),
    ids.map((id) => `${JSON.stringify({ id, event: 'order.paid', filler })}\n`).join(''),
  );
  return { dir, ids };
}

/** The run every case makes: `send batch.jsonl --to URL --json --failed failed.jsonl`, then `extra`. */
export function sendBatchArgs(url: string, ...extra: string[]): string[] {
  return ['send', 'batch.jsonl', '--to', url, '--json', '--failed', 'failed.jsonl', ...extra];
}

interface JsonResult {
  input: string;
  outcome: 'delivered' | 'failed' | 'bad-input' | 'not-sent';
  attempts: Array<{ status: number | null; error: string | null; ms: number; code?: string }>;
  stoppedBy?: string;
  error: string | null;
}

export interface Accounting {
  delivered: Set<string>;
  failed: Set<string>;
  /** Payload id → its --json result. */
  results: Map<string, JsonResult>;
}

/**
 * Every input ends in exactly one of: delivered (a 2xx written in full at the target, exactly
 * once) or listed in `--failed`; the two together are the inputs; a payload reached the target
 * no more often than the sender attempted it; the summary counts and the exit code agree.
 * Needs a run of `batch.jsonl` with `--json --failed failed.jsonl`.
 */
export async function expectEveryInputAccountedFor(
  ids: string[],
  result: CliResult,
  ledger: Ledger,
  dir: string,
): Promise<Accounting> {
  const results = new Map<string, JsonResult>();
  for (const line of result.stdout.trim().split('\n')) {
    const parsed = JSON.parse(line) as JsonResult;
    const index = Number(/^batch\.jsonl:(\d+)$/.exec(parsed.input)?.[1]);
    const id = ids[index - 1];
    expect(id, parsed.input).toBeDefined();
    expect(results.has(id as string), `${parsed.input} reported twice`).toBe(false);
    results.set(id as string, parsed);
  }
  expect(results.size).toBe(ids.length);

  const delivered = new Set([...results].filter(([, r]) => r.outcome === 'delivered').map(([id]) => id));
  const failedLines = await readFailedLines(join(dir, 'failed.jsonl'));
  const failedIds = failedLines.map(
    (line, i) => JSON.parse(parseCapture(line, `failed.jsonl:${i + 1}`).body.toString('utf8')).id as string,
  );
  const failed = new Set(failedIds);
  expect(failed.size, 'an input listed twice in --failed').toBe(failedIds.length);
  for (const id of failed) expect(delivered.has(id), `${id} both delivered and in --failed`).toBe(false);
  expect(delivered.size + failed.size).toBe(ids.length);
  expect(new Set([...delivered, ...failed])).toEqual(new Set(ids));

  // At the target: each delivered payload got exactly one 2xx, and no other payload got any.
  expect(new Set(ledger.delivered.keys())).toEqual(delivered);
  for (const [id, count] of ledger.delivered) expect(count, `${id} delivered ${count} times`).toBe(1);
  for (const [id, count] of ledger.requests) {
    expect(count, `${id} reached the target more often than attempted`).toBeLessThanOrEqual(
      results.get(id)?.attempts.length ?? 0,
    );
  }

  const summary = /^delivered (\d+) of (\d+)(?:, failed (\d+))?(?:, not sent (\d+))?/m.exec(result.stderr);
  expect(summary, result.stderr).not.toBeNull();
  const [, shownDelivered, shownTotal, shownFailed = '0', shownNotSent = '0'] = summary as RegExpExecArray;
  expect(Number(shownDelivered)).toBe(delivered.size);
  expect(Number(shownTotal)).toBe(ids.length);
  expect(Number(shownFailed) + Number(shownNotSent)).toBe(failed.size);
  const undelivered = failed.size;
  expect(result.stderr).toContain(
    undelivered === 0
      ? 'every input was delivered; failed.jsonl is empty'
      : `${undelivered} undelivered input${undelivered === 1 ? '' : 's'} written to failed.jsonl`,
  );
  expect(result.code).toBe(undelivered === 0 ? 0 : 1);
  return { delivered, failed, results };
}
