import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import type { TargetConfig } from './config-file.js';

/** A target named in the config file's `targets`, with where it is (for messages). */
export interface ResolvedTarget extends TargetConfig {
  name: string;
  /** The config file, as messages show it. */
  source: string;
  /** `webhook-cli.yaml:14:5: targets.stripe-app.<key>`, to start a message about one of its keys. */
  at(key: keyof TargetConfig): string;
}

/**
 * `--to <name>` for `send` and `trigger`: the target the config file (`--config`, or the one in the
 * working directory; `false` for `--no-config`) names so. Misuse, a missing file or a name the file
 * does not have is a `UsageError` that says which names there are.
 */
export async function resolveTarget(
  name: string,
  file: string | false | undefined,
  deps: Pick<Deps, 'cwd' | 'stderr'>,
): Promise<ResolvedTarget> {
  const shown = escapeTerminalLine(name);
  const { loadConfig } = await import('./load-config.js');
  const config = await loadConfig(file, deps);
  if (!config) {
    throw new UsageError(`--to: '${shown}' is neither an http(s) URL nor a target of a config file`, {
      hint:
        file === false
          ? 'without --no-config, targets come from ./webhook-cli.json or ./webhook-cli.yaml'
          : 'give the URL, or name it under targets: in webhook-cli.yaml (see docs/config.md)',
    });
  }
  const targets = config.value.targets ?? {};
  const target = Object.hasOwn(targets, name) ? targets[name] : undefined;
  if (!target) {
    const names = Object.keys(targets);
    throw new UsageError(`--to: ${config.source} has no target '${shown}'`, {
      hint:
        names.length > 0
          ? `its targets: ${names.map(escapeTerminalLine).join(', ')}`
          : 'it names no targets (see docs/config.md)',
    });
  }
  return { ...target, name, source: config.source, at: (key) => config.at(['targets', name, key]) };
}

/**
 * A `--to` value that names a target rather than giving a URL: a name as schemas/config.schema.json
 * allows (`stripe-app`), which no URL is (it has no `:`). Anything else is judged as a URL.
 */
export function isTargetName(to: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(to);
}
