import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `512kb`, `1mb`, `1.5mb`, `2048` (bytes) → bytes. Units are binary (1kb = 1024 bytes). */
export function parseSize(text: string, flag = 'size'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!match) {
    throw new UsageError(`${flag}: '${text}' is not a size`, {
      hint: 'use a number with a unit: 512kb, 1mb',
    });
  }
  let unit = (match[2] ?? 'b').toLowerCase();
  if (unit.length === 1 && unit !== 'b') unit += 'b';
  const bytes = Math.floor(Number(match[1]) * (UNITS[unit] as number));
  if (bytes < 1) throw new UsageError(`${flag}: '${text}' must be at least 1 byte`);
  return bytes;
}

/** 1536 → `1.5 KB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
