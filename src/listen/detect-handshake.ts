/** A verification request a provider sends before real deliveries, answered automatically. */
export interface Handshake {
  /** Shown to the user: `slack url_verification`, `hub.challenge`. */
  name: string;
  /** Echoed back as text/plain with 200. */
  challenge: string;
}

/**
 * Slack's `url_verification` (a POST whose JSON body has `type` and `challenge`,
 * https://api.slack.com/events/url_verification) and the Meta-style subscription check (a GET with
 * `hub.challenge` in the query, https://developers.facebook.com/docs/graph-api/webhooks/getting-started).
 */
export function detectHandshake(method: string, query: URLSearchParams, payload: unknown): Handshake | null {
  if (method === 'GET') {
    const challenge = query.get('hub.challenge');
    if (challenge !== null) return { name: 'hub.challenge', challenge };
    return null;
  }
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const body = payload as Record<string, unknown>;
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      return { name: 'slack url_verification', challenge: body.challenge };
    }
  }
  return null;
}
