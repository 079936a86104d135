import type { SendResult } from '../send/send-result.js';

/**
 * `--json`: one object per input per line. `attempts` lists every try with its status (null without
 * a response), error (null with one), duration and the wait before it.
 */
export function formatSendJson(result: SendResult): string {
  const report = result.report;
  const value: Record<string, unknown> = {
    input: result.input,
    ok: result.outcome === 'delivered',
    outcome: result.outcome,
    status: report?.status ?? null,
    statusText: report?.statusText ?? null,
    error: report ? report.error : (result.message ?? null),
    attempts: (report?.attempts ?? []).map((attempt) => {
      const item: Record<string, unknown> = {
        status: attempt.status,
        error: attempt.error,
        ms: attempt.ms,
        delayMs: attempt.delayMs,
      };
      if (attempt.code !== undefined) item.code = attempt.code;
      if (attempt.retryAfterMs !== undefined) item.retryAfterMs = attempt.retryAfterMs;
      return item;
    }),
    ms: report?.ms ?? 0,
  };
  if (result.url !== undefined) value.url = result.url;
  if (report) value.stoppedBy = report.stoppedBy;
  if (report?.gone) value.gone = true;
  if (report?.deliveryId !== undefined) value.deliveryId = report.deliveryId;
  return `${JSON.stringify(value)}\n`;
}
