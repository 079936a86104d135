// Requests to the inspector's JSON API (same origin; the server refuses any other).
import type { ErrorAnswer, ReplayPayload, ReplayResult } from './api-types.js';

async function answerOf<T>(response: Response): Promise<T | ErrorAnswer> {
  return response.json().catch(() => ({ error: `HTTP ${response.status}` }));
}

function errorOf(answer: unknown, response: Response): string {
  return (answer as Partial<ErrorAnswer>).error ?? `HTTP ${response.status}`;
}

/** GETs a JSON answer; an error answer throws with the server's message. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const answer = await answerOf<T>(response);
  if (!response.ok) throw new Error(errorOf(answer, response));
  return answer as T;
}

export type ReplayAnswer = { ok: true; result: ReplayResult } | { ok: false; error: string };

/** Asks the inspector to replay a delivery; throws only when the inspector does not answer. */
export async function requestReplay(id: string, payload: ReplayPayload): Promise<ReplayAnswer> {
  const response = await fetch(`/api/deliveries/${encodeURIComponent(id)}/replay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  const answer = await answerOf<ReplayResult>(response);
  return response.ok
    ? { ok: true, result: answer as ReplayResult }
    : { ok: false, error: errorOf(answer, response) };
}
