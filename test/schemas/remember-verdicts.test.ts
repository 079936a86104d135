import { describe, expect, it } from 'vitest';
import { rememberVerdicts } from '../../src/schemas/ajv-pool.js';

/** A check that counts its calls: a value is valid when it starts with `https://`. */
function countingCheck() {
  const calls: string[] = [];
  const check = (value: string) => {
    calls.push(value);
    return value.startsWith('https://');
  };
  return { calls, check };
}

describe('rememberVerdicts', () => {
  it('checks each distinct value once and gives its verdict again for an equal string', () => {
    const { calls, check } = countingCheck();
    const remembered = rememberVerdicts(check);
    // Strings built at run time, as JSON.parse makes them: equal, never the same object.
    const url = (n: number) => ['https://example.com/', String(n)].join('');
    for (let round = 0; round < 3; round += 1) {
      expect(remembered(url(1))).toBe(true);
      expect(remembered(['ftp:', '//x'].join(''))).toBe(false);
      expect(remembered(url(2))).toBe(true);
      expect(remembered('')).toBe(false);
    }
    expect(calls).toEqual(['https://example.com/1', 'ftp://x', 'https://example.com/2', '']);
  });

  it('never mixes up values that share a bucket (same length, same sampled characters)', () => {
    const { calls, check } = countingCheck();
    const remembered = rememberVerdicts(check);
    // 24 characters, the same at 23, 12 and 6 (the last, middle and quarter ones): one bucket.
    const values = Array.from(
      { length: 40 },
      (_, i) => `${i % 2 === 0 ? 'https' : 'httpx'}://example.com/${String(i).padStart(3, '0')}d`,
    );
    for (let round = 0; round < 2; round += 1) {
      for (const value of values) expect(remembered(value)).toBe(value.startsWith('https://'));
    }
    // A bucket keeps its last 8 values: the earlier ones are checked again, never answered wrongly.
    expect(calls.length).toBeGreaterThan(values.length);
    expect(calls.length).toBeLessThanOrEqual(values.length * 2);
  });

  it('checks values longer than 512 characters every time instead of holding them', () => {
    const { calls, check } = countingCheck();
    const remembered = rememberVerdicts(check);
    const long = `https://example.com/${'a'.repeat(600)}`;
    expect(remembered(long)).toBe(true);
    expect(remembered(long)).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
