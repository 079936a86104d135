import type { IncomingHttpHeaders } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; message: string };

/**
 * The Host values the inspector answers to. Checking Host stops DNS rebinding: a page on
 * evil.example whose name is re-pointed at 127.0.0.1 still sends `Host: evil.example`.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  hosts.add(host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
  return hosts;
}

export function checkHost(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): GuardVerdict {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return {
      ok: false,
      message: `the inspector does not answer to Host ${JSON.stringify(headers.host ?? '')}`,
    };
  }
  return { ok: true };
}

/**
 * Reads must not be made from other sites' pages (browsers that send Sec-Fetch-Site tell us);
 * `none` is the user typing the address.
 */
export function checkReadRequest(headers: IncomingHttpHeaders): GuardVerdict {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, message: `cross-site request refused (Sec-Fetch-Site: ${site})` };
  }
  return { ok: true };
}

/**
 * State-changing requests (replay) must come from the inspector's own page: a JSON body (which a
 * cross-origin page cannot send without a CORS preflight the inspector never grants), an Origin
 * equal to the inspector's, and Sec-Fetch-Site `same-origin` when the browser sends it. Call after
 * `checkHost`, so that `Host` is one of ours.
 */
export function checkStateChangingRequest(headers: IncomingHttpHeaders): GuardVerdict {
  const contentType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return { ok: false, message: 'replay requests must have Content-Type: application/json' };
  }
  const origin = headers.origin;
  if (origin === undefined) return { ok: false, message: 'replay requests must carry an Origin header' };
  if (origin.toLowerCase() !== `http://${headers.host?.toLowerCase()}`) {
    return { ok: false, message: `cross-origin request refused (Origin: ${origin})` };
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return { ok: false, message: `cross-site request refused (Sec-Fetch-Site: ${site})` };
  }
  return { ok: true };
}
