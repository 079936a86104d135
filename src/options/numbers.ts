import { UsageError } from '../errors.js';

/** A whole number in [min, max], or a UsageError naming the flag. */
export function parseInteger(text: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${flag}: '${text}' is not a whole number ${range}`);
  }
  return value;
}

export function parsePort(text: string, flag = '--port'): number {
  return parseInteger(text, flag, 0, 65535);
}

/** Commander collector for repeatable flags. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
