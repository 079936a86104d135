import { formatDuration } from '../options/duration.js';
import type { AttemptRecord, DeliveryReport } from '../send/delivery-report.js';
import type { SendResult, SendSummary } from '../send/send-result.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { Colors } from './colors.js';

/**
 * One line per input, `--verbose` adds one per attempt:
 *   ✔ payload.json → 200 OK  43ms  (attempt 2/6)
 *   ✘ payload.json → 503 Service Unavailable after 6 attempts
 */
export function formatSendResult(result: SendResult, colors: Colors, verbose = false): string[] {
  const input = escapeTerminalLine(result.input);
  const { report } = result;
  if (result.outcome === 'bad-input') {
    return [
      `${colors.red('✘')} ${input} → ${colors.red('bad input')}: ${escapeTerminalLine(result.message ?? '')}`,
    ];
  }
  if (result.outcome === 'not-sent' || !report) {
    return [`${colors.yellow('–')} ${input} → ${colors.yellow('not sent')} (${result.message ?? 'stopped'})`];
  }
  const lines: string[] = [];
  const count = report.attempts.length;
  if (report.stoppedBy === 'sign-failed' && count === 0) {
    lines.push(
      `${colors.red('✘')} ${input} → ${colors.red(escapeTerminalLine(report.error ?? 'cannot sign'))}`,
    );
  } else if (report.ok) {
    // The time of the attempt that succeeded: how fast the target answers, without the backoff waits.
    const ms = report.attempts.at(-1)?.ms ?? report.ms;
    lines.push(
      `${colors.green('✔')} ${input} → ${colors.green(statusWords(report))}  ${formatDuration(ms)}  ${colors.dim(`(attempt ${count}/${result.maxAttempts})`)}`,
    );
  } else {
    const why = stopNote(report);
    lines.push(
      `${colors.red('✘')} ${input} → ${colors.red(outcomeWords(report))} after ${count} attempt${count === 1 ? '' : 's'}${why ? `  ${colors.dim(`(${why})`)}` : ''}`,
    );
  }
  if (verbose)
    for (const attempt of report.attempts) lines.push(formatAttempt(attempt, result.maxAttempts, colors));
  return lines;
}

/** `    2/6  after 750ms  → 503 Service Unavailable  12ms  Retry-After 2s  "upstream busy"` */
export function formatAttempt(attempt: AttemptRecord, maxAttempts: number, colors: Colors): string {
  const parts = [`    ${attempt.attempt}/${maxAttempts}`];
  parts.push(attempt.attempt === 1 ? 'at once' : `after ${formatDuration(attempt.delayMs)}`);
  const outcome =
    attempt.status === null
      ? colors.red(escapeTerminalLine(attempt.error ?? 'no response'))
      : attempt.status >= 200 && attempt.status < 300
        ? colors.green(`${attempt.status} ${attempt.statusText ?? ''}`.trim())
        : colors.red(`${attempt.status} ${attempt.statusText ?? ''}`.trim());
  parts.push(`→ ${outcome}`, formatDuration(attempt.ms));
  if (attempt.retryAfterMs !== undefined) parts.push(`Retry-After ${formatDuration(attempt.retryAfterMs)}`);
  if (attempt.bodyFirstLine)
    parts.push(colors.dim(JSON.stringify(escapeTerminalLine(attempt.bodyFirstLine))));
  return parts.join('  ');
}

function statusWords(report: DeliveryReport): string {
  return `${report.status} ${report.statusText ?? ''}`.trim();
}

function outcomeWords(report: DeliveryReport): string {
  if (report.status !== null) return statusWords(report);
  return escapeTerminalLine(report.error ?? 'no response');
}

function stopNote(report: DeliveryReport): string | undefined {
  if (report.gone) return 'the target is gone: 410';
  switch (report.stoppedBy) {
    case 'not-retryable':
      return 'not retried';
    case 'max-elapsed':
      return '--max-elapsed reached';
    case 'interrupted':
      return 'interrupted';
    default:
      return undefined;
  }
}

/** The closing line on stderr: `Delivered 9 of 10, failed 1  ·  14 attempts in 1.2s (8.3/s)`. */
export function formatSendSummary(summary: SendSummary, colors: Colors): string[] {
  const total = summary.delivered + summary.failed + summary.badInputs + summary.notSent;
  const undelivered = total - summary.delivered;
  const perSecond =
    summary.elapsedMs > 0 ? (total - summary.notSent - summary.badInputs) / (summary.elapsedMs / 1000) : 0;
  const counts = [`${colors.green(`delivered ${summary.delivered}`)} of ${total}`];
  if (summary.failed) counts.push(colors.red(`failed ${summary.failed}`));
  if (summary.badInputs) counts.push(colors.red(`bad inputs ${summary.badInputs}`));
  if (summary.notSent) counts.push(colors.yellow(`not sent ${summary.notSent}`));
  const lines = [
    `${counts.join(', ')}  ·  ${summary.attempts} attempt${summary.attempts === 1 ? '' : 's'} in ${formatDuration(summary.elapsedMs)}${perSecond > 0 ? ` (${formatRate(perSecond)} payloads/s)` : ''}`,
  ];
  if (summary.stoppedBy === 'interrupted') lines.push(colors.yellow('stopped by Ctrl-C'));
  if (summary.stoppedBy === 'fail-fast')
    lines.push(colors.yellow('stopped after the first failure (--fail-fast)'));
  if (summary.failedFile !== undefined) {
    lines.push(
      undelivered === 0
        ? `every input was delivered; ${escapeTerminalLine(summary.failedFile)} is empty`
        : `${undelivered} undelivered input${undelivered === 1 ? '' : 's'} written to ${escapeTerminalLine(summary.failedFile)} (send it again with: webhook-cli send ${escapeTerminalLine(summary.failedFile)} --to ...)`,
    );
  }
  return lines;
}

/**
 * What a Ctrl-C does, on stderr: the first stops new payloads and waits for those in flight, the
 * second aborts them.
 */
export function formatSendInterrupt(
  stage: 'stopping' | 'aborting',
  inFlight: number,
  colors: Colors,
): string {
  if (stage === 'stopping') {
    return `${colors.yellow('stopping')}: no new payloads; waiting for ${inFlight} in flight (Ctrl-C again to abort ${inFlight === 1 ? 'it' : 'them'})`;
  }
  return `${colors.yellow('aborting')} ${inFlight} in-flight request${inFlight === 1 ? '' : 's'}`;
}

export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}
