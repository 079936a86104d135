import { createRequire } from 'node:module';

type JsoncParser = typeof import('jsonc-parser');
let loaded: JsoncParser | undefined;

/**
 * jsonc-parser, loaded the first time a file fails (to locate its errors) or is a capture: a run
 * over valid files never needs it, and a cold start is faster without it.
 */
export function jsoncParser(): JsoncParser {
  loaded ??= createRequire(import.meta.url)('jsonc-parser') as JsoncParser;
  return loaded;
}
