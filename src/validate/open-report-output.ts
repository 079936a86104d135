import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Deps, OutputStream } from '../deps.js';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';

export interface ReportOutput {
  stream: OutputStream;
  close(): Promise<void>;
}

/** stdout, or the `-o` file (created or truncated now, so that a bad path fails before any work). */
export async function openReportOutput(path: string | undefined, deps: Deps): Promise<ReportOutput> {
  if (path === undefined || path === '-') return { stream: deps.stdout, close: async () => {} };
  const file = createWriteStream(resolve(deps.cwd, path));
  let failure: unknown;
  await new Promise<void>((ready, fail) => {
    file.once('open', () => ready());
    file.once('error', fail);
  }).catch((error: unknown) => {
    throw new InputError(`--output ${path}: cannot write: ${describeFsError(error)}`);
  });
  file.on('error', (error) => {
    failure = error;
  });
  return {
    stream: { write: (chunk) => file.write(chunk), isTTY: false },
    close: () =>
      new Promise<void>((done, fail) => {
        file.end(() => {
          if (failure) fail(new InputError(`--output ${path}: cannot write: ${describeFsError(failure)}`));
          else done();
        });
      }),
  };
}
