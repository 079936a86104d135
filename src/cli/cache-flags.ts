import { UsageError } from '../errors.js';

/** `--cache-dir` and `--no-cache`, as commander gives them. */
export interface CacheFlags {
  cacheDir?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

/** `--cache-dir <dir>`, for `.option(...CACHE_DIR_OPTION)` (validate's and listen's validator cache). */
export const CACHE_DIR_OPTION = [
  '--cache-dir <dir>',
  'where compiled validators are kept between runs (default: $WEBHOOK_CLI_CACHE_DIR, $XDG_CACHE_HOME/webhook-cli or ~/.cache/webhook-cli)',
] as const;

export const NO_CACHE_OPTION = ['--no-cache', 'compile every schema afresh, and keep nothing'] as const;

/** `false` with `--no-cache`, `{ dir }` with `--cache-dir`, undefined for the default place. */
export function cacheChoice(flags: CacheFlags): false | { dir: string } | undefined {
  if (flags.cache === false) {
    if (flags.cacheDir !== undefined) {
      throw new UsageError('--cache-dir and --no-cache contradict each other', { hint: 'pick one' });
    }
    return false;
  }
  if (flags.cacheDir === undefined) return undefined;
  if (flags.cacheDir.trim() === '') throw new UsageError('--cache-dir: the directory name is empty');
  return { dir: flags.cacheDir };
}
