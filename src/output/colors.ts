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

/** The styles the renderers use, each taking text and returning it styled; a chalk instance is one. */
export interface Colors {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const same = (text: string) => text;
const PLAIN: Colors = {
  red: same,
  green: same,
  yellow: same,
  blue: same,
  magenta: same,
  cyan: same,
  dim: same,
  bold: same,
};

/**
 * The colours for one stream. chalk is loaded only when the stream shows colour: piped output, CI
 * and `NO_COLOR` get plain text without it (loading chalk measured about 25 ms of CPU at start).
 */
export async function createColors(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Colors> {
  return colorsAt(colorLevel(stream, env));
}

/** The colours of `level` (0: none): what another thread uses to render for this one's stream. */
export async function colorsAt(level: ColorLevel): Promise<Colors> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}
