import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { request } from 'undici';
import type { CliResult } from '../helpers/run-cli.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestDeps, type TestDeps, type TestDepsOptions } from '../helpers/test-deps.js';

export interface RunningListener {
  /** Base URL from the ready line. */
  url: string;
  deps: TestDeps;
  /** Resolves when `main()` returns. */
  done: Promise<CliResult>;
  /** Sends SIGINT and waits for the exit. */
  stop(): Promise<CliResult>;
}

/** Starts `webhook-cli listen -p 0 ...args` through main() and waits for its ready line. */
export async function startListen(
  args: string[],
  options: TestDepsOptions | TestDeps = {},
): Promise<RunningListener> {
  const deps = 'stdout' in options ? options : createTestDeps(options);
  const done = runCli(['listen', '-p', '0', ...args], deps);
  const ready = deps.stderr.waitFor(/Listening on (http:\/\/[^ ]+)/);
  const text = await Promise.race([
    ready,
    done.then((result) => {
      throw new Error(`listen exited with ${result.code} before it was ready:\n${result.stderr}`);
    }),
  ]);
  const url = /Listening on (http:\/\/[^ ]+)/.exec(text)?.[1] as string;
  return {
    url,
    deps,
    done,
    stop() {
      deps.signals.emit('SIGINT');
      return done;
    },
  };
}

export interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One real HTTP request; resolves with the listener's whole answer. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string> | string[]; body?: string | Buffer } = {},
): Promise<Sent> {
  const response = await request(url, {
    method: (init.method ?? (init.body === undefined ? 'GET' : 'POST')) as 'POST',
    headers: init.headers ?? {},
    body: init.body ?? null,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
  };
}

/** Sends JSON with a Content-Type. */
export function sendJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * One request through node:http, which sends header lists exactly as given (undici rewrites
 * `Connection`); `headers` is a flat [name, value, ...] list.
 */
export function sendRaw(
  url: string,
  method: string,
  headers: string[],
  body: Buffer | string,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    // With a header list node:http adds no Host: the listener would answer 400.
    const withHost = ['Host', new URL(url).host, ...headers];
    const req = httpRequest(url, { method, headers: withHost, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes `head` (request line and headers, as latin1 bytes) and `body` on a raw socket; resolves with the raw answer. */
export function sendBytes(url: string, head: string, body: Buffer | string = ''): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]));
    });
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}
