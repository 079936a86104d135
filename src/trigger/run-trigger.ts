import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Capture } from '../capture/capture.js';
import { captureId, openCaptureWriter } from '../capture/capture-writer.js';
import type { Deps } from '../deps.js';
import { ExitCode, UsageError } from '../errors.js';
import { readNamedFile } from '../inputs/read-named-file.js';
import type { HeaderList } from '../options/headers.js';
import type { ProviderDescription } from '../providers/types.js';
import type { RetryOn } from '../send/backoff.js';
import type { SignWith } from '../send/delivery-report.js';
import type { Payload } from '../send/read-payloads.js';
import type { SendOptions } from '../send/run-send.js';
import { loadSignatureKeys, type SignatureChoice } from '../signatures/load-keys.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { nearestName } from '../text/nearest-name.js';
import type { BodySet } from './body-sets.js';
import { buildTriggerRequest, type TriggerRequest } from './build-trigger-request.js';
import { findSample, loadSamples } from './load-samples.js';
import { createRandomSource } from './random-source.js';
import { resolveTriggerProvider } from './resolve-trigger-provider.js';
import type { Sample } from './sample.js';
import { signsInsideBody, signTriggerRequest } from './sign-trigger-request.js';

/** "Now" of the templates with `--seed` and no `--timestamp`: 2026-01-01T00:00:00Z. */
export const SEEDED_NOW = Date.UTC(2026, 0, 1);

export interface TriggerOptions {
  /** As typed: an id or alias. */
  provider: string;
  event: string;
  /** Where to send it; without it, `save` (or both). */
  to?: URL;
  /** `--save <dir>`: write the signed delivery there as a capture. */
  save?: string;
  /** The scheme's secret or key, as `--secret`/`--private-key` give it. */
  signature: SignatureChoice;
  sets: readonly BodySet[];
  /** `-H`, over the provider's and the sample's headers. */
  headers: HeaderList;
  /** `--body <file>`: the user's own body instead of the sample's. */
  bodyFile?: string;
  maxFileBytes: number;
  /** `--seed`: ids and template times the same on every run. */
  seed?: number;
  /** `--timestamp`: "now" of the templates, ms since the epoch. */
  timestampMs?: number;
  dryRun: boolean;
  curl: boolean;
  json: boolean;
  verbose: boolean;
  timeoutMs: number;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs?: number;
  retryOn: RetryOn;
}

/**
 * `webhook-cli trigger <provider> <event>`: the sample's delivery, filled and changed by the
 * flags, saved as a capture (`--save`) and/or sent through send's delivery engine, which signs
 * every attempt afresh with the same delivery id. The exit code is send's (0 delivered, 1 not),
 * or 0 when it was only saved.
 */
export async function runTrigger(options: TriggerOptions, deps: Deps): Promise<ExitCode> {
  const settings = await loadSignatureKeys(options.signature, deps);
  // The scheme as the flags made it (hmac: --prefix, --signature-header, ...).
  const provider =
    settings.provider === 'auto' ? resolveTriggerProvider(options.provider) : settings.provider;
  const sample = await resolveSample(provider, options.event);
  const sign: SignWith = { ...settings, provider };
  const random = createRandomSource(options.seed);
  const now = options.timestampMs ?? (options.seed !== undefined ? SEEDED_NOW : deps.clock.now());
  let request: TriggerRequest = buildTriggerRequest(provider, sample, {
    values: { now, random },
    sets: options.sets,
    headers: options.headers,
    ...(options.bodyFile !== undefined && {
      body: readNamedFile(resolve(deps.cwd, options.bodyFile), options.bodyFile, options.maxFileBytes),
    }),
  });
  const signedAt = Math.floor(deps.clock.now() / 1000);
  // A signature inside the body (Mailgun) is made once: re-signing would change the bytes sent.
  const signsBody = signsInsideBody(sign);
  if (signsBody) request = signTriggerRequest(request, sign, signedAt, options.to?.href);
  const input = `${provider.id} ${sample.event}`;
  if (options.save !== undefined) {
    const signed = signsBody ? request : signTriggerRequest(request, sign, signedAt, options.to?.href);
    const path = await saveCapture(options.save, signed, options.to, deps);
    deps.stderr.write(`saved ${escapeTerminalLine(path)}\n`);
    // Only saved, nothing else to report: `--json` still gives the caller one object to read.
    if (options.to === undefined && options.json) {
      const saved = { input, provider: provider.id, event: sample.event, savedTo: path };
      deps.stdout.write(`${JSON.stringify(saved)}\n`);
    }
  }
  if (options.to === undefined) return ExitCode.ok;
  const payload: Payload = {
    kind: 'payload',
    input,
    method: request.method,
    path: '/',
    headers: request.headers,
    body: request.body,
    reference: { path: input },
  };
  const sendOptions: SendOptions = {
    inputs: [],
    source: [payload],
    to: options.to,
    headers: [],
    dropHeaders: [],
    timeoutMs: options.timeoutMs,
    dryRun: options.dryRun,
    curl: options.curl,
    retries: options.retries,
    minDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
    retryOn: options.retryOn,
    concurrency: 1,
    failFast: false,
    json: options.json,
    verbose: options.verbose,
    ...(options.maxElapsedMs !== undefined && { maxElapsedMs: options.maxElapsedMs }),
    ...(!signsBody && { sign }),
  };
  const { runSend } = await import('../send/run-send.js');
  return runSend(sendOptions, deps);
}

async function resolveSample(provider: ProviderDescription, event: string): Promise<Sample> {
  const found = await findSample(provider.id, event);
  if (found) return found;
  const samples = await loadSamples(provider.id);
  if (samples.length === 0) {
    throw new UsageError(`${provider.id} has no sample events yet`, {
      hint: "'webhook-cli trigger --list' lists the providers that have; --body <file> needs a sample's headers too",
    });
  }
  const near = nearestName(
    event,
    samples.map((sample) => sample.event),
  );
  throw new UsageError(`${provider.id} has no sample event '${escapeTerminalLine(event)}'`, {
    hint: `${near ? `did you mean ${near}? ` : ''}'webhook-cli trigger --list ${provider.id}' lists its ${samples.length} events`,
  });
}

/** The signed delivery as `listen --save` would have kept it: `send`, `verify`, `validate` read it. */
async function saveCapture(
  dir: string,
  request: TriggerRequest,
  to: URL | undefined,
  deps: Deps,
): Promise<string> {
  const writer = await openCaptureWriter(resolve(deps.cwd, dir));
  const receivedAt = new Date(deps.clock.now());
  const capture: Capture = {
    id: captureId(receivedAt, 1, randomBytes(2).toString('hex')),
    receivedAt: receivedAt.toISOString(),
    method: request.method,
    path: to ? `${to.pathname}${to.search}` : '/',
    headers: request.headers,
    body: request.body,
    meta: { source: 'webhook-cli trigger' },
  };
  return writer.write(capture);
}
