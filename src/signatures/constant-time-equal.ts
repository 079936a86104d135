import { timingSafeEqual } from 'node:crypto';

/**
 * True when both byte strings are equal. The length check comes first because `timingSafeEqual`
 * throws on unequal lengths; lengths of digests are public, their contents are not.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
