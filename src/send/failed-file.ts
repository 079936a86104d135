import { randomBytes, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Capture } from '../capture/capture.js';
import { toCaptureDocument } from '../capture/encode-capture.js';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';
import { FAILED_FILE_HEADER } from '../inputs/failed-file-header.js';
import type { HeaderList } from '../options/headers.js';
import { INPUT_REFERENCE_KEY, type PayloadItem } from './read-payloads.js';

export interface FailedFile {
  readonly path: string;
  /**
   * Adds one undelivered input: a payload as a capture (`extraHeaders`, e.g. the delivery id made
   * for it, are added so a retry keeps the id), a bad input as a reference to read it again.
   */
  add(item: PayloadItem, reason: string, receivedAt: string, extraHeaders?: HeaderList): Promise<void>;
  /** Moves the finished file into place (atomic rename). */
  commit(): Promise<void>;
  /** Removes the temporary file (a crash before commit leaves the old file untouched). */
  discard(): Promise<void>;
}

/**
 * `--failed <file>`: undelivered inputs as JSON lines after a header line (FAILED_FILE_HEADER, which
 * lets send follow the file's references to bad inputs), written to a temporary file next to `path`
 * and renamed over it at the end, mode 0600 (captures carry headers). Opened before anything is
 * sent, so an unwritable path is a usage error, not a surprise at the end.
 */
export async function openFailedFile(path: string, shown = path): Promise<FailedFile> {
  const cannot = (why: string, cause?: unknown) =>
    new InputError(`--failed: cannot write ${shown}: ${why}`, {
      hint: 'choose a file in a directory you can write to',
      cause,
    });
  // What the rename at the end would replace: only a regular file (a directory fails with EISDIR
  // after everything was sent; a device such as /dev/null would be replaced).
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw cannot(describeFsError(error), error);
  });
  if (existing?.isDirectory()) throw cannot('it is a directory');
  if (existing && !existing.isFile()) throw cannot('it is not a regular file');
  // A file we may not write (another user's, in a sticky /tmp) would fail the rename at the end.
  if (existing) {
    await access(path, constants.W_OK).catch((error: unknown) => {
      throw cannot(describeFsError(error), error);
    });
  }
  const tempPath = join(dirname(path), `.tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(tempPath, 'wx', 0o600);
  } catch (error) {
    throw cannot(describeFsError(error), error);
  }
  let queue = Promise.resolve();
  let empty = true;
  let committed = false;
  const append = (line: string) => {
    // The header goes before the first line only: a run that delivered everything leaves the file empty.
    const text = empty ? `${FAILED_FILE_HEADER}${line}` : line;
    empty = false;
    queue = queue.then(() => handle.write(text).then(() => undefined));
    return queue;
  };
  return {
    path,
    add(item, reason, receivedAt, extraHeaders = []) {
      if (item.kind === 'bad') {
        return append(`${JSON.stringify({ [INPUT_REFERENCE_KEY]: item.reference, error: reason })}\n`);
      }
      const meta = { ...(item.capture?.meta ?? {}), notDelivered: { input: item.input, reason } };
      const missing = extraHeaders.filter(
        ([name]) => !item.headers.some(([have]) => have.toLowerCase() === name.toLowerCase()),
      );
      const capture: Capture = {
        id: item.capture?.id ?? randomUUID(),
        receivedAt: item.capture?.receivedAt ?? receivedAt,
        method: item.method,
        path: item.path,
        headers: [...item.headers, ...missing],
        body: item.body,
        meta,
      };
      if (item.capture?.remoteAddress !== undefined) capture.remoteAddress = item.capture.remoteAddress;
      return append(`${JSON.stringify(toCaptureDocument(capture))}\n`);
    },
    async commit() {
      await queue;
      await handle.close();
      try {
        await rename(tempPath, path);
      } catch (error) {
        // Kept, so that nothing is lost: the message says where it is.
        committed = true;
        throw new InputError(`--failed: cannot write ${shown}: ${describeFsError(error)}`, {
          hint: `the list is in ${tempPath}`,
          cause: error,
        });
      }
      committed = true;
    },
    async discard() {
      if (committed) return;
      await queue.catch(() => {});
      await handle.close().catch(() => {});
      await unlink(tempPath).catch(() => {});
    },
  };
}
