import { UsageError } from '../errors.js';

export interface SecretFlags {
  /** `--secret <value>`, repeatable for key rotation. */
  secret?: string[];
  /** `--secret-env <NAME>`: read the secret from this environment variable. */
  secretEnv?: string;
}

export const DEFAULT_SECRET_ENV = 'WEBHOOK_SECRET';

/**
 * The secrets to use, in order: every `--secret`, then `--secret-env NAME`, else `WEBHOOK_SECRET`.
 * Messages name the variable, never the value.
 */
export function resolveSecrets(
  flags: SecretFlags,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets = [...(flags.secret ?? [])];
  if (secrets.some((secret) => secret === '')) {
    throw new UsageError('--secret is empty', { hint: 'pass the signing secret, or use --secret-env NAME' });
  }
  if (flags.secretEnv !== undefined) {
    const value = env[flags.secretEnv];
    if (value === undefined || value === '') {
      throw new UsageError(`--secret-env: the environment variable ${flags.secretEnv} is not set`, {
        hint: `export ${flags.secretEnv}=... first`,
      });
    }
    secrets.push(value);
  }
  if (secrets.length === 0 && env[DEFAULT_SECRET_ENV]) secrets.push(env[DEFAULT_SECRET_ENV] as string);
  return secrets;
}

/** Replaces every occurrence of any secret in `text` with `[redacted]`. For messages that quote input. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}
