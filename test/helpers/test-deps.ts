import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { type Clock, type Deps, type OutputStream, realClock, type SignalName } from '../../src/deps.js';

/** An output stream that keeps what was written. */
export class BufferStream implements OutputStream {
  chunks: string[] = [];
  isTTY: boolean;
  columns = 100;
  private emitter = new EventEmitter();

  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }

  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    this.emitter.emit('write');
    return true;
  }

  text(): string {
    return this.chunks.join('');
  }

  lines(): string[] {
    return this.text()
      .split('\n')
      .filter((line) => line !== '');
  }

  /** Resolves once the written text matches `pattern` (event-driven, no polling). */
  waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const test = () =>
      typeof pattern === 'string' ? this.text().includes(pattern) : pattern.test(this.text());
    if (test()) return Promise.resolve(this.text());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off('write', check);
        reject(new Error(`timed out waiting for ${pattern} in output:\n${this.text()}`));
      }, timeoutMs);
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.emitter.off('write', check);
        resolve(this.text());
      };
      this.emitter.on('write', check);
    });
  }
}

/**
 * A clock whose `sleep` returns at once and moves time forward by the requested delay, so retry
 * schedules run instantly and can be asserted exactly (`sleeps` lists every delay asked for).
 */
export class ManualClock implements Clock {
  sleeps: number[] = [];
  constructor(public current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export class FakeSignals {
  private emitter = new EventEmitter();
  on(signal: SignalName, handler: () => void): () => void {
    this.emitter.on(signal, handler);
    return () => this.emitter.off(signal, handler);
  }
  emit(signal: SignalName): void {
    this.emitter.emit(signal);
  }
  listenerCount(signal: SignalName): number {
    return this.emitter.listenerCount(signal);
  }
}

export interface TestDeps extends Deps {
  stdout: BufferStream;
  stderr: BufferStream;
  signals: FakeSignals;
}

export interface TestDepsOptions {
  env?: Record<string, string | undefined>;
  stdin?: string | Buffer;
  cwd?: string;
  tty?: boolean;
  clock?: Clock;
  random?: () => number;
}

/** Deps for calling `main()` in tests: buffers for output, a fixed env, no colour unless asked. */
export function createTestDeps(options: TestDepsOptions = {}): TestDeps {
  const stdin = options.stdin === undefined ? new PassThrough() : Readable.from([Buffer.from(options.stdin)]);
  if (options.stdin === undefined) (stdin as PassThrough).end();
  return {
    stdout: new BufferStream(options.tty ?? false),
    stderr: new BufferStream(options.tty ?? false),
    stdin,
    env: { ...options.env },
    cwd: options.cwd ?? process.cwd(),
    clock: options.clock ?? realClock,
    random: options.random ?? (() => 0.5),
    signals: new FakeSignals(),
  };
}
