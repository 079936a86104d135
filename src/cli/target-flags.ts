import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { headerFlags } from './api/signature-input.js';

/** The flags a target of the config file fills in (`send`, `trigger`). */
export interface TargetFlags {
  to?: string;
  sign?: string;
  secretEnv?: string;
  header?: string[];
  /** `--config <file>`, or false for `--no-config`. */
  config?: string | false;
}

/**
 * `--to <name>`: when `to` names a target of the config file rather than giving a URL, its `url`,
 * `sign`, `secretEnv` and `header` become the flags' (read lazily: a URL reads no file). Flags win:
 * `--sign` replaces the target's `sign` and `secretEnv`, `--secret-env` its `secretEnv`, and `-H`
 * headers come after the target's. For `send`, and for `trigger` to call the same way.
 */
export async function resolveTargetFlags<T extends TargetFlags>(
  flags: T,
  deps: Pick<Deps, 'cwd' | 'stderr' | 'env'>,
): Promise<T> {
  if (flags.to === undefined) return flags;
  const { isTargetName, resolveTarget } = await import('../config/resolve-target.js');
  if (!isTargetName(flags.to)) return flags;
  const target = await resolveTarget(flags.to, flags.config, deps);
  const resolved: T = { ...flags, to: target.url };
  if (flags.sign === undefined && target.sign !== undefined) {
    resolved.sign = target.sign;
    if (flags.secretEnv === undefined && target.secretEnv !== undefined) {
      if (!deps.env[target.secretEnv]) {
        throw new UsageError(
          `${target.at('secretEnv')}: the environment variable ${target.secretEnv} is not set`,
          { hint: `export ${target.secretEnv}=... first` },
        );
      }
      resolved.secretEnv = target.secretEnv;
    }
  }
  const headers = headerFlags(target.header);
  if (headers !== undefined) resolved.header = [...headers, ...(flags.header ?? [])];
  return resolved;
}
