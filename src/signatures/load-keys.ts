import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from '../inputs/expand-inputs.js';
import { importPrivateKey, importPublicKey } from './keys.js';
import type { SignatureSettings } from './signature-settings.js';

/** Where a key flag's value came from: the text itself, or a file the user named. */
export type KeySource = { text: string } | { file: string };

/** Signature settings as the flags give them: key files are read by `loadSignatureKeys`. */
export interface SignatureChoice {
  settings: SignatureSettings;
  publicKey?: KeySource;
  privateKey?: KeySource;
}

const MAX_KEY_BYTES = 64 * 1024;

/** The settings with `--public-key` / `--private-key` read (only the files the user named). */
export async function loadSignatureKeys(
  choice: SignatureChoice,
  deps: { cwd: string },
): Promise<SignatureSettings> {
  const settings = { ...choice.settings };
  if (choice.publicKey) settings.publicKey = await readKey(choice.publicKey, '--public-key', deps.cwd);
  if (choice.privateKey) settings.privateKey = await readKey(choice.privateKey, '--private-key', deps.cwd);
  // A key the provider cannot use is misuse: said once, before any delivery is checked.
  const description = settings.provider === 'auto' ? undefined : settings.provider.signature.publicKey;
  if (description && settings.publicKey !== undefined) importPublicKey(settings.publicKey, description);
  if (description && settings.privateKey !== undefined) importPrivateKey(settings.privateKey, description);
  return settings;
}

async function readKey(source: KeySource, flag: string, cwd: string): Promise<string> {
  if ('text' in source) return source.text;
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, source.file));
  } catch (error) {
    throw new InputError(`${flag}: ${source.file}: cannot read: ${describeFsError(error)}`, { cause: error });
  }
  // A key or certificate is a few KB: anything larger is the wrong file.
  if (bytes.length > MAX_KEY_BYTES)
    throw new InputError(`${flag}: ${source.file} is larger than 64 KB: not a key`);
  return bytes.toString('utf8');
}
