import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { listProviders } from './registry.js';
import { providerJson, providerLines } from './render-providers.js';

export interface ProvidersOptions {
  json: boolean;
}

/** `webhook-cli providers`: every provider in the registry, as lines or JSON (stdout). */
export async function runProviders(options: ProvidersOptions, deps: Pick<Deps, 'stdout'>): Promise<ExitCode> {
  const providers = listProviders();
  if (options.json) {
    deps.stdout.write(`${JSON.stringify(providers.map(providerJson), null, 2)}\n`);
  } else {
    deps.stdout.write(
      providerLines(providers)
        .map((line) => `${line}\n`)
        .join(''),
    );
  }
  return ExitCode.ok;
}
