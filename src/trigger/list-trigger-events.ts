import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { listProviders } from '../providers/registry.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { loadSamples } from './load-samples.js';
import { resolveTriggerProvider } from './resolve-trigger-provider.js';

export interface TriggerListOptions {
  /** One provider's events; every provider with samples when left out. */
  provider?: string;
  json: boolean;
}

/**
 * `trigger --list [provider]`: the events one provider can trigger, one a line (or a JSON array
 * of `{ event, docs }`), or each provider with samples and its events' count (JSON: their names).
 */
export async function listTriggerEvents(options: TriggerListOptions, deps: Deps): Promise<ExitCode> {
  if (options.provider !== undefined) {
    const provider = resolveTriggerProvider(options.provider);
    const samples = await loadSamples(provider.id);
    if (options.json) {
      deps.stdout.write(
        `${JSON.stringify(samples.map((sample) => ({ event: sample.event, docs: sample.docs })))}\n`,
      );
    } else {
      for (const sample of samples) deps.stdout.write(`${escapeTerminalLine(sample.event)}\n`);
    }
    deps.stderr.write(
      samples.length === 0
        ? `${provider.id} has no sample events yet\n`
        : `${samples.length} ${provider.id} event${samples.length === 1 ? '' : 's'}: webhook-cli trigger ${provider.id} <event> --to <url>\n`,
    );
    return ExitCode.ok;
  }
  const rows: Array<{ provider: string; name: string; events: string[] }> = [];
  for (const provider of listProviders()) {
    const samples = await loadSamples(provider.id);
    if (samples.length > 0)
      rows.push({
        provider: provider.id,
        name: provider.name,
        events: samples.map((sample) => sample.event),
      });
  }
  if (options.json) deps.stdout.write(`${JSON.stringify(rows)}\n`);
  else {
    const width = Math.max(0, ...rows.map((row) => row.provider.length));
    for (const row of rows) {
      const count = row.events.length;
      deps.stdout.write(`${row.provider.padEnd(width)}  ${count} event${count === 1 ? '' : 's'}\n`);
    }
  }
  deps.stderr.write(
    `${rows.length} providers with samples: webhook-cli trigger --list <provider> lists the events\n`,
  );
  return ExitCode.ok;
}
