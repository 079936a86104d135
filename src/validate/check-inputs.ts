import type { Deps } from '../deps.js';
import { describeFsError, expandInputs, type InputItem } from '../inputs/expand-inputs.js';
import { PAYLOAD_EXTENSIONS } from '../inputs/json-lines.js';
import { NamedFileError, readBoundedStream } from '../inputs/read-named-file.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { checkBytes, errorReport } from './check-bytes.js';
import { checkPath } from './check-path.js';
import type { FileReport } from './file-report.js';

export interface CheckInputsOptions {
  inputs: string[];
  event?: string;
  maxErrors: number;
  /** `--max-file-size`, for files and standard input alike. */
  maxFileBytes: number;
}

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
    extensions: PAYLOAD_EXTENSIONS,
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
  const check = { event: options.event, maxErrors: options.maxErrors, maxFileBytes: options.maxFileBytes };
  if (item.kind === 'error') return inputError(item.path, item.message);
  if (item.kind === 'file') return checkPath(item.path, item.absolute, registry, check);
  let bytes: Buffer;
  try {
    bytes = await readBoundedStream(deps.stdin, '<stdin>', options.maxFileBytes);
  } catch (error) {
    if (error instanceof NamedFileError) return inputError('<stdin>', error.reason);
    return inputError('<stdin>', `cannot read: ${describeFsError(error)}`);
  }
  return checkBytes('<stdin>', bytes, registry, { ...check, jsonLines: false });
}

function inputError(file: string, message: string): FileReport {
  return errorReport(file, { keyword: 'input', message, line: 1, column: 1 });
}
