/** Where text goes. Matches the parts of a Node writable stream the CLI uses. */
export interface OutputStream {
  write(chunk: string | Uint8Array): boolean | undefined;
  isTTY?: boolean;
  columns?: number;
  /** The file descriptor behind the stream, when there is one (`process.stdout.fd`). */
  fd?: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type SignalName = 'SIGINT' | 'SIGTERM';

export interface Signals {
  /** Calls `handler` each time the signal arrives; returns a function that removes it. */
  on(signal: SignalName, handler: () => void): () => void;
}

/** Everything the CLI needs from the outside world. Tests pass fakes (see test/helpers/test-deps.ts). */
export interface Deps {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  clock: Clock;
  /** A number in [0, 1): backoff jitter. */
  random: () => number;
  signals: Signals;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Exit status of a program that a broken pipe stopped, as for one killed by SIGPIPE (128 + 13). */
export const BROKEN_PIPE_EXIT = 141;

/** The real process's I/O. The only place in src/ that touches `process`. */
export function processDeps(): Deps {
  // When the reader of stdout goes away (`webhook-cli ... | head`), stop quietly instead of dying
  // on an unhandled EPIPE with a stack trace; stderr errors have nowhere to be reported.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(BROKEN_PIPE_EXIT);
    process.stderr.write(`webhook-cli: cannot write to stdout: ${error.code ?? error.message}\n`);
    process.exit(2);
  });
  process.stderr.on('error', () => {});
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    clock: realClock,
    random: Math.random,
    signals: {
      on(signal, handler) {
        process.on(signal, handler);
        return () => process.off(signal, handler);
      },
    },
  };
}
