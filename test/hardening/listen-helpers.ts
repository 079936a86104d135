import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { BufferStream } from '../helpers/test-deps.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** True once `npm run build` has produced the CLI that `bin/webhook-cli.js` runs. */

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A check compiled from schemas/capture.schema.json (the published format, with formats): returns
 * null for a valid capture document, else what is wrong.
 */
export async function captureValidator(): Promise<(document: unknown) => string | null> {
  const schema = JSON.parse(await readFile(join(root, 'schemas', 'capture.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is CommonJS: its function is the default export, or that export's `default`.
  const module = formats as unknown as { default?: unknown };
  const addFormats = (module.default ?? formats) as (ajv: Ajv2020) => unknown;
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) => (validate(document) ? null : ajv.errorsText(validate.errors));
}

/**
 * `global.gc`, exposed at run time (the test runner's workers do not start with --expose-gc), so
 * that memory is measured after garbage that is merely uncollected has gone.
 */
export function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Memory after two full collections. */
export function settledMemory(gc: () => void): NodeJS.MemoryUsage {
  gc();
  gc();
  return process.memoryUsage();
}

/**
 * An output stream that hands each complete line (as bytes, without its newline) to `onLine` and
 * keeps nothing else: thousands of NDJSON lines can be checked without the test holding them in
 * memory next to the listener it measures.
 */
export class LineStream extends BufferStream {
  count = 0;
  private rest: Buffer = Buffer.alloc(0);

  constructor(private readonly onLine: (line: Buffer) => void) {
    super(false);
  }

  override write(chunk: string | Uint8Array): boolean {
    let data = Buffer.concat([
      this.rest,
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk),
    ]);
    let newline = data.indexOf(0x0a);
    while (newline !== -1) {
      this.count += 1;
      this.onLine(data.subarray(0, newline));
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    this.rest = Buffer.from(data);
    return true;
  }
}

/**
 * The raw bytes of the `body` member of one `--json` line: the listener writes it last, so it runs
 * from `"body":` to the closing brace. For a JSON body these are the bytes that were received.
 */
export function rawJsonBody(line: Buffer): Buffer {
  const marker = line.lastIndexOf('"encoding":');
  const start = line.indexOf('"body":', marker) + '"body":'.length;
  return line.subarray(start, line.length - 1);
}

export interface SpawnedListener {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  stderr(): string;
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built CLI (`node [...nodeArgs] bin/webhook-cli.js listen --port 0 ...args`) and waits
 * for its ready line.
 */
export async function spawnListen(args: string[], nodeArgs: string[] = []): Promise<SpawnedListener> {
  const child = spawn(process.execPath, [
    ...nodeArgs,
    join(root, 'bin', 'webhook-cli.js'),
    'listen',
    '--port',
    '0',
    ...args,
  ]);
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (data: Buffer) => {
      stderr += data;
      const match = /Listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1] as string);
    });
    void exited.then(() => reject(new Error(`listen exited before it was ready:\n${stderr}`)));
  });
  return {
    child,
    url,
    port: Number(new URL(url).port),
    stderr: () => stderr,
    stdout: () => stdout,
    exited,
  };
}

/** The first IPv4 address of this machine that is not loopback, if there is one. */
export function nonLoopbackIPv4(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal && !address.address.startsWith('127.')) {
        return address.address;
      }
    }
  }
  return undefined;
}

/** Characters no text from a request may put on a terminal unescaped: ESC, other C0 and C1 controls, bidi overrides. */
export const RAW_TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
