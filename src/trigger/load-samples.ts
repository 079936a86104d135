import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';
import type { Sample } from './sample.js';

/** `schemas/samples/`, the same relative place from src/ and dist/. */
export function samplesRoot(): string {
  return fileURLToPath(new URL('../../schemas/samples/', import.meta.url));
}

/** The file name of an event's sample (schemas/samples/README.md): other characters become `_`. */
export function sampleFileName(event: string): string {
  return `${event.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/** The sample files of a provider, in name order; none when it has no folder. */
export function listSampleFiles(providerId: string, root = samplesRoot()): string[] {
  const dir = join(root, providerId);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`cannot read the samples in ${dir}: ${describeFsError(error)}`, { cause: error });
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** One sample file; a file that is not a sample is an `InputError` naming it. */
export async function readSample(file: string): Promise<Sample> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : describeFsError(error);
    throw new InputError(`sample ${file} cannot be read: ${why}`, { cause: error });
  }
  const sample = value as Partial<Sample> | null;
  const headers = sample?.headers;
  if (
    typeof sample !== 'object' ||
    sample === null ||
    typeof sample.event !== 'string' ||
    typeof sample.docs !== 'string' ||
    !Object.hasOwn(sample, 'body') ||
    (headers !== undefined &&
      (typeof headers !== 'object' ||
        headers === null ||
        Object.values(headers).some((v) => typeof v !== 'string')))
  ) {
    throw new InputError(`sample ${file} is not a sample (schemas/sample.schema.json)`);
  }
  const out: Sample = { event: sample.event, docs: sample.docs, body: sample.body, file };
  if (headers !== undefined) out.headers = headers;
  return out;
}

/** Every sample of a provider, in file name order. */
export async function loadSamples(providerId: string, root = samplesRoot()): Promise<Sample[]> {
  return Promise.all(listSampleFiles(providerId, root).map(readSample));
}

/**
 * The sample of one event: its own file when the name matches (one read, also for GitHub's
 * hundreds of samples), else the sample whose `event` is the one asked for.
 */
export async function findSample(
  providerId: string,
  event: string,
  root = samplesRoot(),
): Promise<Sample | undefined> {
  const files = listSampleFiles(providerId, root);
  const direct = files.find((file) => file === join(root, providerId, sampleFileName(event)));
  if (direct) {
    const sample = await readSample(direct);
    if (sample.event === event) return sample;
  }
  return (await Promise.all(files.map(readSample))).find((sample) => sample.event === event);
}
