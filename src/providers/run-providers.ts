import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { getProvider, listProviders, listUnsignedSources } from './registry.js';
import { providerDetails, providerJson, providerLines, providersMarkdown } from './render-providers.js';

export interface ProvidersOptions {
  /** `providers show <id>`: one provider in detail; else the list. */
  show?: string;
  output: 'text' | 'json' | 'markdown';
}

/** `webhook-cli providers [show <id>]`: the registry, as lines, JSON or Markdown (stdout). */
export async function runProviders(options: ProvidersOptions, deps: Pick<Deps, 'stdout'>): Promise<ExitCode> {
  const providers = options.show === undefined ? listProviders() : [getProvider(options.show)];
  let text: string;
  if (options.output === 'json') {
    const json = providers.map(providerJson);
    text = `${JSON.stringify(options.show === undefined ? json : json[0], null, 2)}\n`;
  } else if (options.output === 'markdown') {
    text = providersMarkdown(providers, options.show === undefined ? listUnsignedSources() : []);
  } else if (options.show !== undefined) {
    text = `${providerDetails(providers[0] as (typeof providers)[number]).join('\n')}\n`;
  } else {
    text = providerLines(providers)
      .map((line) => `${line}\n`)
      .join('');
  }
  deps.stdout.write(text);
  return ExitCode.ok;
}
