import type { ListenSection, RouteSettingsConfig } from '../config/config-file.js';
import type { LoadedConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { durationText, flagList, flagText } from './api/api-deps.js';
import { headerFlags, toSignatureFlags } from './api/signature-input.js';
import type { ListenFlags } from './listen.js';

/**
 * How a message names an option: the flag (`--max-body`), or, for a value from the config file,
 * where the file sets it (`webhook-cli.yaml:3:3: listen.maxBody`).
 */
export interface OptionNames {
  /** The name that starts a message about the option's value. */
  full(key: keyof ListenFlags): string;
  /** The bare name, for the second option of a message (`... cannot be used with forwardTo`). */
  short(key: keyof ListenFlags): string;
  /** True when the value came from the config file. */
  fromFile(key: keyof ListenFlags): boolean;
}

/** `forwardTo` → `--forward-to`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

export const FLAG_NAMES: OptionNames = { full: flagName, short: flagName, fromFile: () => false };

/** The flag keys whose file key differs. */
const FILE_KEYS: Partial<Record<keyof ListenFlags, string>> = { param: 'params' };

/** Names for a section of the file at `base` (`['listen']`, `['listen', 'routes', 1]`): `fromFile` keys. */
export function fileNames(
  config: LoadedConfig,
  base: Array<string | number>,
  fromFile: Set<string>,
): OptionNames {
  const fileKey = (key: keyof ListenFlags) => FILE_KEYS[key] ?? key;
  return {
    full: (key) => (fromFile.has(key) ? config.at([...base, fileKey(key)]) : flagName(key)),
    short: (key) => (fromFile.has(key) ? fileKey(key) : flagName(key)),
    fromFile: (key) => fromFile.has(key),
  };
}

/** What a route (or the `listen` section) decides about a delivery, as flag values. */
export function settingsFlags(section: RouteSettingsConfig): Partial<ListenFlags> {
  const flags: Partial<ListenFlags> = toSignatureFlags(section);
  const schema = flagList(section.schema);
  if (schema !== undefined) flags.schema = schema;
  const responseHeader = headerFlags(section.responseHeader);
  if (responseHeader !== undefined) flags.responseHeader = responseHeader;
  const text: Array<[keyof ListenFlags, string | undefined]> = [
    ['verify', section.verify],
    ['publicUrl', section.publicUrl],
    ['event', section.event],
    ['save', section.save],
    ['forwardTo', section.forwardTo],
    ['status', flagText(section.status)],
    ['respond', section.respond?.join(',')],
    ['responseBody', section.responseBody],
    ['delay', durationText(section.delay)],
  ];
  for (const [key, value] of text) if (value !== undefined) (flags as Record<string, unknown>)[key] = value;
  if (section.rejectInvalid !== undefined) flags.rejectInvalid = section.rejectInvalid;
  return flags;
}

/** The `listen` section's own keys (not its routes), as flag values. */
export function listenSectionFlags(section: ListenSection): Partial<ListenFlags> {
  const flags = settingsFlags(section);
  const text: Array<[keyof ListenFlags, string | undefined]> = [
    ['port', flagText(section.port)],
    ['host', section.host],
    ['maxBody', flagText(section.maxBody)],
    ['maxConnections', flagText(section.maxConnections)],
    ['maxDecoding', flagText(section.maxDecoding)],
    ['forwardTimeout', durationText(section.forwardTimeout)],
    ['forwardMaxResponse', flagText(section.forwardMaxResponse)],
    ['maxEvents', flagText(section.maxEvents)],
    ['timeout', durationText(section.timeout)],
  ];
  for (const [key, value] of text) if (value !== undefined) (flags as Record<string, unknown>)[key] = value;
  return flags;
}

const SIGNATURE_KEYS: ReadonlyArray<keyof ListenFlags> = [
  'verify',
  'secret',
  'secretEnv',
  'publicKey',
  'publicUrl',
  'tolerance',
  'algorithm',
  'encoding',
  'signatureHeader',
  'prefix',
  'timestampHeader',
  'param',
];
const ANSWER_KEYS: ReadonlyArray<keyof ListenFlags> = [
  'status',
  'respond',
  'responseBody',
  'responseHeader',
  'delay',
];

/**
 * The file's `listen` values under the flags given on the command line: a flag replaces the key of
 * its name, `--verify` replaces all the file's signature keys (its secret belongs to its scheme),
 * `--forward-to` the file's scripted answer and the other way round, `--status` the file's
 * `respond` and the other way round. Returns the merged flags and the keys taken from the file.
 */
export function mergeFileFlags(
  cli: ListenFlags,
  given: (key: keyof ListenFlags) => boolean,
  file: Partial<ListenFlags>,
): { flags: ListenFlags; fromFile: Set<string> } {
  const dropped = new Set<keyof ListenFlags>();
  if (given('verify')) for (const key of SIGNATURE_KEYS) dropped.add(key);
  if (given('forwardTo')) for (const key of ANSWER_KEYS) dropped.add(key);
  if (ANSWER_KEYS.some(given)) dropped.add('forwardTo');
  if (given('status')) dropped.add('respond');
  if (given('respond')) dropped.add('status');
  const flags: ListenFlags = { ...cli };
  const fromFile = new Set<string>();
  for (const [key, value] of Object.entries(file) as Array<[keyof ListenFlags, unknown]>) {
    if (value === undefined || given(key) || dropped.has(key)) continue;
    (flags as unknown as Record<string, unknown>)[key] = value;
    fromFile.add(key);
  }
  return { flags, fromFile };
}

/**
 * A `UsageError` about the file's value of `key`, worded for the file: flag names in the message
 * and hint become its keys (`--secret-env` → `secretEnv`), and it starts with where the key is.
 */
export function relabel(error: UsageError, where: string): UsageError {
  const keys = (text: string) =>
    text.replace(/--([a-z]+(?:-[a-z]+)*)/g, (_, name: string) =>
      name.replace(/-([a-z])/g, (__, letter: string) => letter.toUpperCase()).replace(/^param$/, 'params'),
    );
  const hint = error.hint === undefined ? undefined : keys(error.hint);
  return new UsageError(`${where}: ${keys(error.message)}`, { ...(hint !== undefined && { hint }) });
}
