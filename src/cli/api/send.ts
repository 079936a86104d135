import { SEND_DEFAULTS } from '../../config/flag-defaults.js';
import { UsageError } from '../../errors.js';
import { type SendFlags, toSendOptions } from '../send.js';

import {
  type ApiIo,
  apiDeps,
  collectingStream,
  type Duration,
  durationText,
  flagList,
  flagText,
  type Size,
} from './api-deps.js';
import { headerFlags, type SignatureInput, toSignatureFlags } from './signature-input.js';

/** `send`'s flags as options (see docs/send.md); defaults are the CLI's. */
export interface SendApiOptions extends SignatureInput, ApiIo {
  /** Payload or capture files, directories, .jsonl files, quoted globs. Or give `body`. */
  inputs?: string | readonly string[];
  /** One payload's bytes, sent as is (instead of `inputs`). */
  body?: string | Buffer;
  /** `--to <url>` (required). */
  to: string | URL;
  /** `-X, --method` (default POST, or the captured method). */
  method?: string;
  /** `-H` headers to add or replace. */
  header?: Readonly<Record<string, string>> | readonly string[];
  /** `--drop-header` names. */
  dropHeader?: string | readonly string[];
  /** `--sign <scheme>`: sign every attempt afresh. */
  sign?: string;
  /** `--timeout` per attempt (default 10s). */
  timeout?: Duration;
  /** `--retries` after the first attempt (default 5). */
  retries?: number;
  /** `--min-delay` (default 500ms). */
  minDelay?: Duration;
  /** `--max-delay` (default 30s). */
  maxDelay?: Duration;
  /** `--max-elapsed`. */
  maxElapsed?: Duration;
  /** `--retry-on`: statuses, or 'all-non-2xx' (default 408,425,429,500,502,503,504). */
  retryOn?: readonly number[] | string;
  /** `--concurrency` (default 1). */
  concurrency?: number;
  /** `--rate`: payload starts per second, or '600/m'. */
  rate?: number | string;
  /** `--fail-fast`. */
  failFast?: boolean;
  /** `--failed <file>`: undelivered inputs as captures. */
  failed?: string;
  /** `--max-file-size`: the largest payload file, JSON line or standard input (default 100mb). */
  maxFileSize?: Size;
}

/** One input's outcome: the object `send --json` prints per line. */
export interface SendResultJson {
  input: string;
  ok: boolean;
  outcome: 'delivered' | 'failed' | 'bad-input' | 'not-sent';
  status: number | null;
  statusText: string | null;
  error: string | null;
  attempts: Array<{
    status: number | null;
    error: string | null;
    ms: number;
    delayMs: number;
    code?: string;
    retryAfterMs?: number;
  }>;
  ms: number;
  url?: string;
  stoppedBy?: string;
  gone?: boolean;
  deliveryId?: string;
}

export interface SendApiResult {
  /** True when every input was delivered (the CLI's exit 0). */
  ok: boolean;
  results: SendResultJson[];
  summary: { delivered: number; failed: number; badInputs: number; notSent: number };
}

/** `webhook-cli send`: delivers with the CLI's retries and signing; never throws for a failed delivery. */
export async function send(options: SendApiOptions): Promise<SendApiResult> {
  if ((options.body === undefined) === (options.inputs === undefined)) {
    throw new UsageError('send(): give either inputs or body', { hint: "e.g. send({ body: '{}', to })" });
  }
  const stdout = collectingStream();
  const deps = {
    ...apiDeps(options, options.body === undefined ? undefined : Buffer.from(options.body)),
    stdout,
  };
  const inputs = options.body === undefined ? (flagList(options.inputs as string | string[]) ?? []) : ['-'];
  const sendOptions = await toSendOptions(inputs, toSendFlags(options), deps.env);
  const { runSend } = await import('../../send/run-send.js');
  await runSend(sendOptions, deps);
  const results = stdout
    .text()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SendResultJson);
  const count = (outcome: SendResultJson['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const summary = {
    delivered: count('delivered'),
    failed: count('failed'),
    badInputs: count('bad-input'),
    notSent: count('not-sent'),
  };
  return { ok: summary.delivered === results.length, results, summary };
}

function toSendFlags(options: SendApiOptions): SendFlags {
  const flags: SendFlags = {
    ...toSignatureFlags(options),
    to: String(options.to),
    json: true,
    timeout: durationText(options.timeout) ?? SEND_DEFAULTS.timeout,
    retries: flagText(options.retries) ?? SEND_DEFAULTS.retries,
    minDelay: durationText(options.minDelay) ?? SEND_DEFAULTS.minDelay,
    maxDelay: durationText(options.maxDelay) ?? SEND_DEFAULTS.maxDelay,
    concurrency: flagText(options.concurrency) ?? SEND_DEFAULTS.concurrency,
  };
  const header = headerFlags(options.header);
  if (header !== undefined) flags.header = header;
  const dropHeader = flagList(options.dropHeader);
  if (dropHeader !== undefined) flags.dropHeader = dropHeader;
  if (options.method !== undefined) flags.method = options.method;
  if (options.sign !== undefined) flags.sign = options.sign;
  const maxElapsed = durationText(options.maxElapsed);
  if (maxElapsed !== undefined) flags.maxElapsed = maxElapsed;
  if (options.retryOn !== undefined) {
    flags.retryOn = typeof options.retryOn === 'string' ? options.retryOn : options.retryOn.join(',');
  }
  const rate = flagText(options.rate);
  if (rate !== undefined) flags.rate = rate;
  if (options.failFast) flags.failFast = true;
  if (options.failed !== undefined) flags.failed = options.failed;
  const maxFileSize = flagText(options.maxFileSize);
  if (maxFileSize !== undefined) flags.maxFileSize = maxFileSize;
  return flags;
}
