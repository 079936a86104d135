import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Capture } from '../../src/capture/capture.js';
import { toCaptureDocument } from '../../src/capture/encode-capture.js';
import { FAILED_FILE_HEADER } from '../../src/inputs/failed-file-header.js';

/** A fresh temporary directory holding `files` (path → contents). */
export async function makeDir(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'webhook-cli-send-'));
  for (const [name, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), contents);
  }
  return dir;
}

export function capture(overrides: Partial<Capture> = {}): Capture {
  return {
    id: 'cap_1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from('{"hello":"world"}'),
    ...overrides,
  };
}

/** Capture JSON, pretty (as `listen --save` writes it) or as one line (for .jsonl). */
export function captureJson(value: Capture, oneLine = false): string {
  const document = toCaptureDocument(value);
  return oneLine ? JSON.stringify(document) : `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The lines of a `--failed` file after its header (checked), or [] for an empty file (all
 * delivered).
 */
export async function readFailedLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  if (text === '') return [];
  const [header, ...lines] = text.trimEnd().split('\n');
  if (`${header}\n` !== FAILED_FILE_HEADER)
    throw new Error(`${path} does not start with the --failed header`);
  return lines;
}
