import { UsageError } from '../errors.js';
import { findProvider, PROVIDER_NAMES } from '../providers/registry.js';
import type { ProviderDescription } from '../providers/types.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { nearestName } from '../text/nearest-name.js';

/** The provider of an id or alias for `trigger`; a typo names the nearest one. */
export function resolveTriggerProvider(name: string): ProviderDescription {
  const provider = findProvider(name);
  if (provider) return provider;
  const near = nearestName(name, PROVIDER_NAMES);
  throw new UsageError(`unknown provider '${escapeTerminalLine(name)}'`, {
    hint: `${near ? `did you mean ${near}? ` : ''}'webhook-cli trigger --list' lists the providers and their events`,
  });
}
