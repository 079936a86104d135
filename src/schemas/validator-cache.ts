import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFsError } from '../inputs/expand-inputs.js';

/** Changed whenever what a cache entry holds, or how it is loaded, changes. */
const ENTRY_FORMAT = 'webhook-cli-validator 2';
/** A standalone validator larger than this is not one webhook-cli wrote. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
// O_NOFOLLOW: an entry that is a symbolic link is not ours, and is never followed out of the cache.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const DAY_MS = 24 * 60 * 60 * 1000;
/** An entry no run has loaded for this long is removed when the next entry is written. */
export const UNUSED_ENTRY_MS = 30 * DAY_MS;
/** A loaded entry's modification time is set to now when it is older than this: it marks use. */
const MARK_USED_AFTER_MS = DAY_MS;
/** A temporary file this old was left by a run that stopped while writing it. */
const LEFT_TEMPORARY_MS = 60 * 60 * 1000;
/** Changed whenever what a code cache file holds changes. */
const CODE_CACHE_FORMAT = 'webhook-cli-v8 1';
/**
 * The names this cache writes: entries (`.js`), V8's code cache of an entry (`.v8`), and their
 * temporary files (see `write`).
 */
const ENTRY_NAME = /^[0-9a-f]{64}\.(?:js|v8)$/;
const TEMPORARY_NAME = /^[0-9a-f]{64}\.(?:js|v8)\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * The cache directory a command uses: none with `--no-cache` (`false`), `--cache-dir` (`{ dir }`,
 * from the working directory), else `defaultCacheDir`.
 */
export function chosenCacheDir(
  choice: false | { dir: string } | undefined,
  deps: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): string | undefined {
  if (choice === false) return undefined;
  return choice ? resolve(deps.cwd, choice.dir) : defaultCacheDir(deps.env);
}

/** Where the cache is: `--cache-dir`, `WEBHOOK_CLI_CACHE_DIR`, `$XDG_CACHE_HOME/webhook-cli`, `~/.cache/webhook-cli`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.WEBHOOK_CLI_CACHE_DIR) return env.WEBHOOK_CLI_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'webhook-cli');
  if (env.HOME) return join(env.HOME, '.cache', 'webhook-cli');
  return undefined;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a run did with the cache, for `--verbose`. */
export interface CacheStats {
  loaded: number;
  compiled: number;
  /** Entries that were there but unusable (corrupt, foreign, another version) and were rebuilt. */
  rebuilt: number;
}

/**
 * Compiled validators (Ajv standalone code) kept between runs, one file per schema set, draft and
 * error mode (see AjvPool.saveCache), named by the hash of everything that went into it (the schema
 * set, the Ajv and webhook-cli versions, the options). Each file starts with a line holding that hash and the hash of the code after it, so a
 * truncated, edited or misplaced entry is ignored and rebuilt. Entries are written to a temporary
 * file and renamed into place, so concurrent runs never see half an entry; the directory is 0700
 * and the files 0600, and an entry not owned by this user, writable by others, or a symbolic link
 * is never loaded. Entries that no run has loaded for 30 days (schemas since edited, old versions
 * of webhook-cli) are removed whenever an entry is written: a loaded entry's modification time is
 * brought up to date once a day, so it marks the last use.
 */
export class ValidatorCache {
  readonly stats: CacheStats = { loaded: 0, compiled: 0, rebuilt: 0 };
  /** Set once a write failed: the run goes on without writing (and says so once). */
  private writeFailure: string | undefined;
  private readonly validatorsDir: string;
  private readonly codeHashes = new Map<string, { code: string; hash: string }>();

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.validatorsDir = join(dir, 'validators');
  }

  /**
   * The code stored under `key`, or undefined when there is none (or none to trust, counted in
   * `stats.rebuilt` unless `countUnusable` is false).
   */
  read(key: string, countUnusable = true): string | undefined {
    const stats = countUnusable ? this.stats : { rebuilt: 0 };
    const keyHash = sha256(key);
    const bytes = this.readTrusted(`${keyHash}.js`, stats);
    if (bytes === undefined) return undefined;
    const text = bytes.toString('utf8');
    const newline = text.indexOf('\n');
    const code = text.slice(newline + 1);
    if (newline === -1 || text.slice(0, newline) !== header(keyHash, this.codeHash(keyHash, code))) {
      stats.rebuilt += 1;
      return undefined;
    }
    return code;
  }

  /** Stores `code` under `key`; a cache that cannot be written is said once, and the run goes on. */
  write(key: string, code: string): void {
    if (this.writeFailure !== undefined) return;
    const keyHash = sha256(key);
    this.writeFailure = this.writeAtomic(
      `${keyHash}.js`,
      `${header(keyHash, this.codeHash(keyHash, code))}\n${code}`,
    );
    if (this.writeFailure !== undefined) {
      this.warn(
        `the validator cache ${this.dir} cannot be written (${this.writeFailure}); schemas are compiled on every run (--cache-dir <dir> to move it, --no-cache to skip it)`,
      );
    }
  }

  /**
   * V8's code cache of the entry `key` (what `vm.Script#createCachedData` made of it), or undefined
   * when there is none for this `code`. V8 checks that the data fits its version and flags, not
   * that it was made from the same source: the file names the hash of the code it was made from.
   */
  readCodeCache(key: string, code: string): Buffer | undefined {
    const keyHash = sha256(key);
    const bytes = this.readTrusted(`${keyHash}.v8`, { rebuilt: 0 });
    if (bytes === undefined) return undefined;
    const newline = bytes.indexOf(0x0a);
    const expected = codeCacheHeader(keyHash, this.codeHash(keyHash, code));
    if (newline === -1 || bytes.toString('latin1', 0, newline) !== expected) return undefined;
    return bytes.subarray(newline + 1);
  }

  /**
   * Stores V8's code cache of the entry `key`, made from `code`. Only a speed-up: a cache that
   * cannot be written (a read-only one that still loads) says nothing of it.
   */
  writeCodeCache(key: string, code: string, data: Uint8Array): void {
    if (this.writeFailure !== undefined) return;
    const keyHash = sha256(key);
    this.writeAtomic(
      `${keyHash}.v8`,
      Buffer.concat([Buffer.from(`${codeCacheHeader(keyHash, this.codeHash(keyHash, code))}\n`), data]),
    );
  }

  /**
   * The hash of an entry's code, worked out once per entry and code: an entry's header and its code
   * cache's both name it, and GitHub's entries are 1.5 MB each.
   */
  private codeHash(keyHash: string, code: string): string {
    const known = this.codeHashes.get(keyHash);
    if (known?.code === code) return known.hash;
    const hash = sha256(code);
    this.codeHashes.set(keyHash, { code, hash });
    return hash;
  }

  /**
   * The bytes of the file `name`, or undefined when it is not there or not to be trusted: not a
   * regular file, larger than any entry, owned by someone else, or writable by others.
   */
  private readTrusted(name: string, stats: Pick<CacheStats, 'rebuilt'>): Buffer | undefined {
    let fd: number;
    try {
      fd = openSync(join(this.validatorsDir, name), OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') stats.rebuilt += 1;
      return undefined;
    }
    try {
      const info = fstatSync(fd);
      const uid = process.getuid?.();
      if (
        !info.isFile() ||
        info.size > MAX_ENTRY_BYTES ||
        (uid !== undefined && info.uid !== uid) ||
        (info.mode & 0o022) !== 0
      ) {
        stats.rebuilt += 1;
        return undefined;
      }
      const bytes = Buffer.allocUnsafe(info.size);
      let length = 0;
      while (length < bytes.length) {
        const read = readSync(fd, bytes, length, bytes.length - length, null);
        if (read === 0) break;
        length += read;
      }
      markUsed(fd, info.mtimeMs);
      return bytes.subarray(0, length);
    } catch {
      stats.rebuilt += 1;
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** Writes the file `name` through a temporary file renamed into place; says why it could not. */
  private writeAtomic(name: string, content: string | Uint8Array): string | undefined {
    const path = join(this.validatorsDir, name);
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.validatorsDir, { recursive: true, mode: 0o700 });
      writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
      renameSync(temporary, path);
      this.removeUnused();
      return undefined;
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // The temporary file was never made (the directory is not there).
      }
      return describeFsError(error);
    }
  }

  /**
   * Removes entries unused for UNUSED_ENTRY_MS and temporary files left by runs that stopped while
   * writing. Only names this cache writes, regular files owned by this user, are touched; what
   * cannot be removed stays (another run may have removed it first).
   */
  private removeUnused(): void {
    const now = Date.now();
    const uid = process.getuid?.();
    let names: string[];
    try {
      names = readdirSync(this.validatorsDir);
    } catch {
      return;
    }
    for (const name of names) {
      const maxAge = ENTRY_NAME.test(name)
        ? UNUSED_ENTRY_MS
        : TEMPORARY_NAME.test(name)
          ? LEFT_TEMPORARY_MS
          : undefined;
      if (maxAge === undefined) continue;
      const path = join(this.validatorsDir, name);
      try {
        const info = lstatSync(path);
        if (!info.isFile() || (uid !== undefined && info.uid !== uid) || now - info.mtimeMs < maxAge)
          continue;
        rmSync(path, { force: true });
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }
}

/** Brings a loaded entry's modification time up to date, at most once a day (one system call). */
function markUsed(fd: number, mtimeMs: number): void {
  const now = Date.now();
  if (now - mtimeMs < MARK_USED_AFTER_MS) return;
  try {
    futimesSync(fd, now / 1000, now / 1000);
  } catch {
    // A read-only cache still loads; its entries just age.
  }
}

function header(keyHash: string, codeHash: string): string {
  return `// ${ENTRY_FORMAT} ${keyHash} ${codeHash}`;
}

function codeCacheHeader(keyHash: string, codeHash: string): string {
  return `${CODE_CACHE_FORMAT} ${keyHash} ${codeHash} ${process.version}`;
}
