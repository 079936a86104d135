/** Where text goes. Matches the parts of a Node writable stream the CLI uses. */
export interface OutputStream {
  write(chunk: string | Uint8Array): boolean | undefined;
  isTTY?: boolean;
  columns?: number;
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

/** The real process's I/O. The only place in src/ that touches `process`. */
export function processDeps(): Deps {
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
