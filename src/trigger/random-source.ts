import { randomBytes } from 'node:crypto';

/** A number in [0, 1). Every random value of a triggered delivery comes from one of these. */
export type RandomSource = () => number;

/**
 * `--seed <n>`: the same values on every run (mulberry32, a small PRNG of 32-bit state: ids for
 * snapshot tests need reproducibility, not secrecy). Without a seed: the system's CSPRNG, so ids
 * are as unguessable as the provider's own.
 */
export function createRandomSource(seed?: number): RandomSource {
  if (seed === undefined) return cryptoRandom();
  // Seeds above 2^32 are folded in, so every safe integer gives its own sequence start.
  let state = ((seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function cryptoRandom(): RandomSource {
  let buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > buffer.length) {
      buffer = randomBytes(256);
      offset = 0;
    }
    const value = buffer.readUInt32BE(offset) / 2 ** 32;
    offset += 4;
    return value;
  };
}
