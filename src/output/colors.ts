import { Chalk, type ChalkInstance } from 'chalk';
import type { OutputStream } from '../deps.js';

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * Colour for one stream: off when it is not a TTY, `NO_COLOR` turns it off, `FORCE_COLOR` turns it on
 * (https://no-color.org, https://force-color.org). Decided from deps, never from `process`.
 */
export function colorLevel(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.NO_COLOR) return 0;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

export function createColors(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env) });
}

export type { ChalkInstance as Colors };
