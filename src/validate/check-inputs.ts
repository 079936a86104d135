import type { Deps } from '../deps.js';
import { expandInputs, type InputItem } from '../inputs/expand-inputs.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import { checkPath } from './check-path.js';
import type { FileReport } from './file-report.js';

export interface CheckInputsOptions {
  inputs: string[];
  event?: string;
  maxErrors: number;
}

const EXTENSIONS = ['.json', '.jsonl', '.ndjson'];

/**
 * Checks every input, one at a time in this thread, and hands the reports to `emit` in input order.
 * (Worker threads were tried and removed: on the measured 2-core machine they were slower in every
 * run, since each worker loads Ajv and compiles the schemas again; see BENCHMARKS.md.)
 */
export async function checkInputs(
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
  emit: (report: FileReport) => void,
): Promise<void> {
  for await (const item of expandInputs(options.inputs, {
    cwd: deps.cwd,
    extensions: EXTENSIONS,
    recursive: true,
  })) {
    emit(await checkItem(item, options, deps, registry));
  }
}

async function checkItem(
  item: InputItem,
  options: CheckInputsOptions,
  deps: Deps,
  registry: SchemaRegistry,
): Promise<FileReport> {
  const check = { event: options.event, maxErrors: options.maxErrors };
  if (item.kind === 'error') {
    return errorReport(item.path, { keyword: 'input', message: item.message, line: 1, column: 1 });
  }
  if (item.kind === 'stdin') {
    return checkBytes('<stdin>', await readStream(deps.stdin), registry, { ...check, jsonLines: false });
  }
  return checkPath(item.path, item.absolute, registry, check);
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
