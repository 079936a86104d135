import { createReadStream, readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { Capture } from '../capture/capture.js';
import { isCaptureDocument } from '../capture/capture.js';
import { fromCaptureDocument } from '../capture/decode-capture.js';
import { CliError } from '../errors.js';
import { describeFsError, expandInputBatches, type InputItem } from '../inputs/expand-inputs.js';
import type { HeaderList } from '../options/headers.js';
import type { BodyPool } from './body-pool.js';

export const SEND_EXTENSIONS = ['.json', '.jsonl', '.ndjson'] as const;
const LINE_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/** Marks a `--failed` line that stands for an input which could not be read as a payload. */
export const INPUT_REFERENCE_KEY = '$webhookCliInput';

/** Where an input came from, so that a bad one can be named in `--failed` and read again later. */
export interface InputReference {
  /** Absolute path (or glob), or `-` for standard input. */
  path: string;
  /** 1-based line of a .jsonl/.ndjson file. */
  line?: number;
}

/** Something to send: a raw payload or a capture, with the bytes to send. */
export interface Payload {
  kind: 'payload';
  /** As the report names it: the path given, `file.jsonl:7`, or `-`. */
  input: string;
  /** The request before flags apply: a capture's method, path, headers; a raw payload's Content-Type. */
  method: string;
  /** Path (and query) to append to the --to URL; `/` for raw payloads. */
  path: string;
  headers: HeaderList;
  body: Buffer;
  /** The capture it was read from, when it was one. */
  capture?: Capture;
  /** A raw payload that is a whole file: its path (dry-run's curl can point at it). */
  file?: string;
  reference: InputReference;
}

export interface BadInput {
  kind: 'bad';
  input: string;
  message: string;
  reference: InputReference;
}

export type PayloadItem = Payload | BadInput;

export interface ReadOptions {
  cwd: string;
  stdin: NodeJS.ReadableStream;
  /** Where whole-file bodies are read into (see BodyPool); a fresh Buffer each otherwise. */
  pool?: BodyPool;
}

/** Payloads one at a time, in input order (see `readPayloads`). */
export interface PayloadReader {
  /**
   * The next item, or undefined when there are no more: a plain value when it could be read at
   * once (a file of a directory already listed), a promise otherwise. Each call gets its own item,
   * also when called again before an earlier promise has settled.
   */
  next(): PayloadItem | undefined | Promise<PayloadItem | undefined>;
}

/**
 * Turns command-line inputs into payloads one at a time, in order: files, directories (their
 * `*.json`, `*.jsonl`, `*.ndjson` in name order), quoted globs, `-`. Nothing is read before it is
 * needed, so a directory of 100,000 files never sits in memory. Inputs that cannot be used come
 * out as `bad` items and the rest carry on.
 *
 * A reader rather than an async generator: a directory's files are listed a few hundred at a time
 * and each is then read synchronously when asked for, without two or three generators' promises
 * per item (in a profile of send, those were 4 to 5 % of its time).
 */
export function readPayloads(inputs: readonly string[], options: ReadOptions): PayloadReader {
  const batches = expandInputBatches(inputs, {
    cwd: options.cwd,
    extensions: SEND_EXTENSIONS,
    recursive: false,
  });
  let batch: readonly InputItem[] = [];
  let index = 0;
  let ended = false;
  let refilling: Promise<void> | undefined;
  /** The items of an input read asynchronously: standard input, JSON lines, a `--failed` reference. */
  let nested: AsyncGenerator<PayloadItem> | undefined;

  const fromNested = async (current: AsyncGenerator<PayloadItem>) => {
    const result = await current.next();
    if (!result.done) return result.value;
    if (nested === current) nested = undefined;
    return next();
  };
  const refill = () => {
    refilling ??= batches.next().then((result) => {
      refilling = undefined;
      if (result.done) ended = true;
      else {
        batch = result.value;
        index = 0;
      }
    });
    return refilling.then(next);
  };
  const next = (): PayloadItem | undefined | Promise<PayloadItem | undefined> => {
    for (;;) {
      if (nested) return fromNested(nested);
      if (index >= batch.length) return ended ? undefined : refill();
      const item = batch[index++] as InputItem;
      if (item.kind === 'file' && !isLinesFile(item.path)) {
        const found = readWholeFile(item.path, item.absolute, options.pool);
        if (found.kind !== 'reference') return found;
        nested = readReference(found.value, item.path, options);
      } else {
        nested = readInput(item, options);
      }
    }
  };
  return { next };
}

function isLinesFile(path: string): boolean {
  return !path.endsWith('.json') && LINE_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Every item of `readPayloads`, for a `for await` loop where speed does not matter. */
export async function* allPayloads(
  inputs: readonly string[],
  options: ReadOptions,
): AsyncGenerator<PayloadItem> {
  const reader = readPayloads(inputs, options);
  for (let item = await reader.next(); item !== undefined; item = await reader.next()) yield item;
}

/** An input that is not a whole file: an error from the walk, standard input, or JSON lines. */
async function* readInput(item: InputItem, options: ReadOptions): AsyncGenerator<PayloadItem> {
  if (item.kind === 'error') yield bad(item.path, item.message, { path: resolve(options.cwd, item.path) });
  else if (item.kind === 'stdin') yield* readStdin(options);
  else yield* readLines(item.path, item.absolute, options);
}

function readWholeFile(path: string, absolute: string, pool: BodyPool | undefined): PayloadItem | Reference {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: one small file at a time, and readFileSync is 3x cheaper than the
    // promise API's open/fstat/read/close round trips (measured: 33µs vs 92µs per 15 KB file),
    // which is the difference between keeping 32 connections busy or not.
    bytes = pool ? pool.readFile(absolute) : readFileSync(absolute);
  } catch (error) {
    return bad(path, `cannot read: ${describeFsError(error)}`, { path: absolute });
  }
  return fromDocument(bytes, path, { path: absolute }, 'document', absolute);
}

/** A `--failed` line standing for an input that was bad: read again where it is met. */
interface Reference {
  kind: 'reference';
  value: Record<string, unknown>;
}

async function* expand(found: PayloadItem | Reference, input: string, options: ReadOptions) {
  if (found.kind === 'reference') yield* readReference(found.value, input, options);
  else yield found;
}

async function* readLines(path: string, absolute: string, options: ReadOptions): AsyncGenerator<PayloadItem> {
  let lineNumber = 0;
  try {
    for await (const line of splitLines(createReadStream(absolute, { highWaterMark: 256 * 1024 }))) {
      lineNumber += 1;
      if (isBlank(line)) continue;
      const input = `${path}:${lineNumber}`;
      yield* expand(fromDocument(line, input, { path: absolute, line: lineNumber }, 'line'), input, options);
    }
  } catch (error) {
    const where = lineNumber === 0 ? '' : ` after line ${lineNumber}`;
    yield bad(path, `cannot read${where}: ${describeFsError(error)}`, { path: absolute });
  }
}

/**
 * Standard input, read whole: one JSON document (payload or capture); else JSON lines when the
 * first line is JSON (so `cat failed.jsonl | send -` works); else a raw body.
 */
async function* readStdin(options: ReadOptions): AsyncGenerator<PayloadItem> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of options.stdin) chunks.push(Buffer.from(chunk as Buffer));
  } catch (error) {
    yield bad('-', `cannot read standard input: ${describeFsError(error)}`, { path: '-' });
    return;
  }
  const bytes = Buffer.concat(chunks);
  if (parseJson(bytes) !== NOT_JSON) {
    yield* expand(fromDocument(bytes, '-', { path: '-' }, 'document'), '-', options);
    return;
  }
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, start)) {
    lines.push(trimCr(bytes.subarray(start, index)));
    start = index + 1;
  }
  lines.push(trimCr(bytes.subarray(start)));
  const firstLine = lines.find((line) => !isBlank(line));
  if (lines.length > 1 && firstLine !== undefined && parseJson(firstLine) !== NOT_JSON) {
    for (const [index, line] of lines.entries()) {
      if (!isBlank(line)) {
        const input = `-:${index + 1}`;
        yield* expand(fromDocument(line, input, { path: '-', line: index + 1 }, 'line'), input, options);
      }
    }
    return;
  }
  yield* expand(fromDocument(bytes, '-', { path: '-' }, 'document'), '-', options);
}

const NOT_JSON = Symbol('not JSON');

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

const MARKER = Buffer.from('"$webhookCli');

/** Starts with `{` and ends with `}` (or `[` … `]`), ignoring surrounding whitespace. */
function isJsonContainer(bytes: Buffer): boolean {
  let start = 0;
  let end = bytes.length - 1;
  while (start <= end && isSpace(bytes[start] as number)) start += 1;
  while (end > start && isSpace(bytes[end] as number)) end -= 1;
  const first = bytes[start];
  const last = bytes[end];
  return end > start && ((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d));
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

// A damaged capture must not be sent as if it were a raw payload.
const LOOKS_LIKE_CAPTURE = /^\s*\{\s*"\$webhookCli"\s*:/;
const LOOKS_LIKE_REFERENCE = /^\s*\{\s*"\$webhookCliInput"\s*:/;

/** One JSON document or line → a payload (raw or capture), a bad input, or a reference to read. */
function fromDocument(
  bytes: Buffer,
  input: string,
  reference: InputReference,
  form: 'document' | 'line',
  file?: string,
): PayloadItem | Reference {
  // Only a body that mentions the capture marker can be a capture (or a --failed reference); any
  // other JSON object or array is a raw payload, recognised by its first and last characters
  // instead of a full parse, which measured as a quarter of send's time per 15 KB payload.
  if (bytes.indexOf(MARKER) === -1 && isJsonContainer(bytes)) {
    return raw(input, reference, bytes, 'application/json', file);
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const head = bytes.subarray(0, 64).toString('utf8');
    if (form === 'line' || LOOKS_LIKE_CAPTURE.test(head) || LOOKS_LIKE_REFERENCE.test(head)) {
      return bad(input, `not valid JSON: ${(error as Error).message}`, reference);
    }
    // Not JSON at all: still a payload, sent as bytes.
    return raw(input, reference, bytes, 'application/octet-stream', file);
  }
  if (isCaptureDocument(value)) {
    try {
      const capture = fromCaptureDocument(value, input);
      return {
        kind: 'payload',
        input,
        reference,
        method: capture.method,
        path: capture.path,
        headers: capture.headers,
        body: capture.body,
        capture,
      };
    } catch (error) {
      return bad(input, stripSource(error, input), reference);
    }
  }
  if (isReference(value)) return { kind: 'reference', value };
  return raw(input, reference, bytes, 'application/json', file);
}

// One list for all raw payloads of a type (never modified: header helpers make copies), so that
// the request built from it can be reused too.
const JSON_HEADERS: HeaderList = [['Content-Type', 'application/json']];
const OCTET_STREAM_HEADERS: HeaderList = [['Content-Type', 'application/octet-stream']];

function raw(
  input: string,
  reference: InputReference,
  body: Buffer,
  contentType: 'application/json' | 'application/octet-stream',
  file?: string,
): Payload {
  const payload: Payload = {
    kind: 'payload',
    input,
    reference,
    method: 'POST',
    path: '/',
    headers: contentType === 'application/json' ? JSON_HEADERS : OCTET_STREAM_HEADERS,
    body,
  };
  if (file !== undefined) payload.file = file;
  return payload;
}

function isReference(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && INPUT_REFERENCE_KEY in value;
}

/** A `--failed` line for an input that was bad last time: read that input again (it may be fixed). */
async function* readReference(
  value: Record<string, unknown>,
  input: string,
  options: ReadOptions,
): AsyncGenerator<PayloadItem> {
  const reference = value[INPUT_REFERENCE_KEY] as Partial<InputReference> | undefined;
  const path = reference?.path;
  const line = reference?.line;
  if (typeof path !== 'string' || path === '' || (line !== undefined && !Number.isSafeInteger(line))) {
    yield bad(input, `"${INPUT_REFERENCE_KEY}" must be { "path": string, "line"?: number }`, { path: input });
    return;
  }
  if (path === '-') {
    yield bad(input, 'this input came from standard input and cannot be read again', { path: '-' });
    return;
  }
  const rel = relative(options.cwd, path);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  for await (const item of allPayloads([shown], options)) {
    // For one line of a file, keep that line and any error about the file as a whole.
    if (line === undefined || item.reference.line === line || item.reference.line === undefined) yield item;
  }
}

function bad(input: string, message: string, reference: InputReference): BadInput {
  return { kind: 'bad', input, message, reference };
}

/** `fromCaptureDocument` names the source itself; the report already shows the input. */
function stripSource(error: unknown, input: string): string {
  const message = error instanceof CliError || error instanceof Error ? error.message : String(error);
  return message.startsWith(`${input}: `) ? message.slice(input.length + 2) : message;
}

function isBlank(line: Buffer): boolean {
  for (const byte of line) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}

function trimCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
}

/** Splits a byte stream on LF (dropping a CR before it), keeping bytes as bytes. */
async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer | undefined;
  for await (const chunk of stream) {
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let index = data.indexOf(10); index !== -1; index = data.indexOf(10, start)) {
      yield trimCr(data.subarray(start, index));
      start = index + 1;
    }
    data = data.subarray(start);
    pending = data.length > 0 ? Buffer.from(data) : undefined;
  }
  if (pending) yield trimCr(pending);
}
