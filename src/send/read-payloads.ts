import { createReadStream, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Capture } from '../capture/capture.js';
import { isCaptureDocument } from '../capture/capture.js';
import { fromCaptureDocument } from '../capture/decode-capture.js';
import { CliError } from '../errors.js';
import { describeFsError, expandInputBatches, type InputItem } from '../inputs/expand-inputs.js';
import { startsWithFailedFileHeader } from '../inputs/failed-file-header.js';
import { isJsonLinesFile, PAYLOAD_EXTENSIONS, splitLines, withoutTrailingCr } from '../inputs/json-lines.js';
import { NamedFileError, readBoundedStream, readNamedFile } from '../inputs/read-named-file.js';
import type { HeaderList } from '../options/headers.js';
import { DEFAULT_MAX_FILE_BYTES, largerThanMaxFileSize } from '../options/max-file-size.js';
import type { BodyPool } from './body-pool.js';

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
  /** `--max-file-size`: the largest file, JSON line or standard input read (default 100 MB). */
  maxBytes?: number | undefined;
  /** The inputs being read through references right now (see `identify`): a reference back to one is a loop. */
  following?: ReadonlySet<string>;
}

/**
 * Turns command-line inputs into payloads one at a time, in order: files, directories (their
 * `*.json`, `*.jsonl`, `*.ndjson` in name order), quoted globs, `-`. Nothing is read before it is
 * needed, so a directory of 100,000 files never sits in memory. Inputs that cannot be used come
 * out as `bad` items and the rest carry on. Several callers may ask for the next item at once
 * (send's workers do): each gets its own.
 */
export async function* readPayloads(
  inputs: readonly string[],
  options: ReadOptions,
): AsyncGenerator<PayloadItem> {
  const batches = expandInputBatches(inputs, {
    cwd: options.cwd,
    extensions: PAYLOAD_EXTENSIONS,
    recursive: false,
  });
  for await (const batch of batches) {
    for (const item of batch) {
      if (item.kind !== 'file' || isJsonLinesFile(item.path)) {
        yield* readInput(item, options);
        continue;
      }
      const found = readWholeFile(item.path, item.absolute, options);
      // A --failed file named .json: JSON lines all the same.
      if (found === FAILED_FILE) yield* readLines(item.path, item.absolute, options);
      else yield found;
    }
  }
}

/** An input that is not a whole file: an error from the walk, standard input, or JSON lines. */
async function* readInput(item: InputItem, options: ReadOptions): AsyncGenerator<PayloadItem> {
  if (item.kind === 'error') yield bad(item.path, item.message, { path: resolve(options.cwd, item.path) });
  else if (item.kind === 'stdin') yield* readStdin(options);
  else yield* readLines(item.path, item.absolute, options);
}

const FAILED_FILE = Symbol('a --failed file');

function readWholeFile(
  path: string,
  absolute: string,
  options: ReadOptions,
): PayloadItem | typeof FAILED_FILE {
  const { pool } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  try {
    // Synchronous on purpose: one small file at a time, and a synchronous read is 3x cheaper than
    // the promise API's open/fstat/read/close round trips (measured: 33µs vs 92µs per 15 KB file),
    // which is the difference between keeping 32 connections busy or not.
    bytes = pool ? pool.readFile(absolute, path, maxBytes) : readNamedFile(absolute, path, maxBytes);
  } catch (error) {
    const reason = error instanceof NamedFileError ? error.reason : `cannot read: ${describeFsError(error)}`;
    return bad(path, reason, { path: absolute });
  }
  if (startsWithFailedFileHeader(bytes)) {
    pool?.release(bytes);
    return FAILED_FILE;
  }
  return unfollowed(fromDocument(bytes, path, { path: absolute }, 'document', absolute), path, {
    path: absolute,
  });
}

/** A `--failed` line standing for an input that was bad: read again where it is met. */
interface Reference {
  kind: 'reference';
  value: Record<string, unknown>;
}

/** A reference outside a `--failed` file is a bad input: it is not followed. */
function unfollowed(found: PayloadItem | Reference, input: string, reference: InputReference): PayloadItem {
  if (found.kind !== 'reference') return found;
  return bad(
    input,
    `"${INPUT_REFERENCE_KEY}" names another input to read; send follows that only in a file written by send --failed`,
    reference,
  );
}

/**
 * The payloads of one line of a JSON-lines input. In a `--failed` file (`source` set: the file's
 * own identity), a reference is read again; anywhere else it is a bad input.
 */
async function* expand(
  found: PayloadItem | Reference,
  input: string,
  reference: InputReference,
  options: ReadOptions,
  source: string | undefined,
) {
  if (found.kind !== 'reference') yield found;
  else if (source === undefined) yield unfollowed(found, input, reference);
  else yield* readReference(found.value, input, reference, options, source);
}

/** A JSON-lines file, line by line; `onlyLine` (a reference to one line): that line alone. */
async function* readLines(
  path: string,
  absolute: string,
  options: ReadOptions,
  onlyLine?: number,
): AsyncGenerator<PayloadItem> {
  let lineNumber = 0;
  let first = true;
  let source: string | undefined;
  let found = false;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const stream = createReadStream(absolute, { highWaterMark: 256 * 1024 });
    for await (const line of splitLines(stream, maxBytes)) {
      lineNumber += 1;
      if (line === null) {
        // Too long to hold: that line is a bad input, the lines after it are still read.
        first = false;
        if (onlyLine !== undefined && lineNumber !== onlyLine) continue;
        found = true;
        yield bad(`${path}:${lineNumber}`, largerThanMaxFileSize(maxBytes), {
          path: absolute,
          line: lineNumber,
        });
        if (onlyLine !== undefined) return;
        continue;
      }
      if (isBlank(line)) continue;
      if (first) {
        first = false;
        if (lineNumber === 1 && startsWithFailedFileHeader(line)) {
          source = identify(absolute);
          continue;
        }
      }
      if (onlyLine !== undefined && lineNumber !== onlyLine) continue;
      found = true;
      const input = `${path}:${lineNumber}`;
      const reference = { path: absolute, line: lineNumber };
      yield* expand(fromDocument(line, input, reference, 'line'), input, reference, options, source);
      if (onlyLine !== undefined) return;
    }
  } catch (error) {
    const where = lineNumber === 0 ? '' : ` after line ${lineNumber}`;
    if (onlyLine === undefined)
      yield bad(path, `cannot read${where}: ${describeFsError(error)}`, { path: absolute });
    else {
      const line = { path: absolute, line: onlyLine };
      yield bad(`${path}:${onlyLine}`, `cannot read ${path}${where}: ${describeFsError(error)}`, line);
    }
    return;
  }
  if (onlyLine !== undefined && !found) {
    yield bad(`${path}:${onlyLine}`, `${path} has no line ${onlyLine} any more`, {
      path: absolute,
      line: onlyLine,
    });
  }
}

/**
 * Standard input, read whole: a `--failed` file (`cat failed.jsonl | send -`) or one JSON document
 * (payload or capture); else JSON lines when the first line is JSON; else a raw body.
 */
async function* readStdin(options: ReadOptions): AsyncGenerator<PayloadItem> {
  let bytes: Buffer;
  try {
    bytes = await readBoundedStream(
      options.stdin,
      'standard input',
      options.maxBytes ?? DEFAULT_MAX_FILE_BYTES,
    );
  } catch (error) {
    const reason = error instanceof NamedFileError ? error.reason : describeFsError(error);
    yield bad('-', `cannot read standard input: ${reason}`, { path: '-' });
    return;
  }
  const failedFile = startsWithFailedFileHeader(bytes);
  if (!failedFile && parseJson(bytes) !== NOT_JSON) {
    yield unfollowed(fromDocument(bytes, '-', { path: '-' }, 'document'), '-', { path: '-' });
    return;
  }
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, start)) {
    lines.push(withoutTrailingCr(bytes.subarray(start, index)));
    start = index + 1;
  }
  lines.push(withoutTrailingCr(bytes.subarray(start)));
  const firstLine = lines.find((line) => !isBlank(line));
  if (failedFile || (lines.length > 1 && firstLine !== undefined && parseJson(firstLine) !== NOT_JSON)) {
    const source = failedFile ? STDIN_SOURCE : undefined;
    for (const [index, line] of lines.entries()) {
      if (isBlank(line) || (failedFile && line === firstLine)) continue;
      const input = `-:${index + 1}`;
      const reference = { path: '-', line: index + 1 };
      yield* expand(fromDocument(line, input, reference, 'line'), input, reference, options, source);
    }
    return;
  }
  yield unfollowed(fromDocument(bytes, '-', { path: '-' }, 'document'), '-', { path: '-' });
}

/** The identity of standard input among the inputs being followed (it cannot be named again). */
const STDIN_SOURCE = 'stdin';

const NOT_JSON = Symbol('not JSON');

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

const MARKER = Buffer.from('"$webhookCli');
const UNICODE_ESCAPE = Buffer.from('\\u');

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
  // A whole file that is a JSON object or array goes as JSON even when malformed inside (see
  // docs/send.md). Unless it is a capture or a reference, parsing it changes nothing, so it is
  // skipped (a full parse measured as a quarter of send's time per 15 KB payload) when neither
  // key can be in it: they cannot appear without the marker unless spelled with a \u escape. A
  // line is always parsed: a line that is not JSON is a bad input.
  if (
    form === 'document' &&
    bytes.indexOf(MARKER) === -1 &&
    bytes.indexOf(UNICODE_ESCAPE) === -1 &&
    isJsonContainer(bytes)
  ) {
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
    // A malformed object or array still goes as JSON, as above; anything else is sent as bytes.
    return raw(
      input,
      reference,
      bytes,
      isJsonContainer(bytes) ? 'application/json' : 'application/octet-stream',
      file,
    );
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

/**
 * A `--failed` line for an input that was bad last time: read that input again (it may be fixed),
 * unless that leads back to an input being read through references already (`source` is the
 * file holding this one): `a.jsonl` naming itself, or naming `b.jsonl` which names `a.jsonl`.
 * Always at least one item, so that every line of the file is counted.
 */
async function* readReference(
  value: Record<string, unknown>,
  input: string,
  at: InputReference,
  options: ReadOptions,
  source: string,
): AsyncGenerator<PayloadItem> {
  const reference = value[INPUT_REFERENCE_KEY] as Partial<InputReference> | undefined;
  const path = reference?.path;
  const line = reference?.line;
  if (
    typeof path !== 'string' ||
    path === '' ||
    (line !== undefined && (!Number.isSafeInteger(line) || (line as number) < 1))
  ) {
    yield bad(input, `"${INPUT_REFERENCE_KEY}" must be { "path": string, "line"?: number }`, at);
    return;
  }
  if (path === '-') {
    yield bad(input, 'this input came from standard input and cannot be read again', { path: '-' });
    return;
  }
  const absolute = resolve(options.cwd, path);
  const rel = relative(options.cwd, absolute);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  const following = new Set(options.following);
  following.add(source);
  const target = identify(absolute);
  if (following.has(target)) {
    yield bad(
      input,
      `the reference to ${shown} leads back to an input being read (a loop)`,
      line === undefined ? { path: absolute } : { path: absolute, line },
    );
    return;
  }
  following.add(target);
  const nested: ReadOptions = { ...options, following };
  let count = 0;
  const items = line === undefined ? readPayloads([shown], nested) : readLines(shown, absolute, nested, line);
  for await (const item of items) {
    count += 1;
    yield item;
  }
  if (count === 0) yield bad(input, `${shown} holds no input any more`, { path: absolute });
}

/**
 * What stays the same however a file is named (device and inode, so a symlink or another spelling
 * of the path is the same input); the path itself for what is not a file (a glob).
 */
function identify(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return `path:${path}`;
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
