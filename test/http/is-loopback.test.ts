import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/http/is-loopback.js';

describe('isLoopback', () => {
  it('is true for localhost, 127.0.0.0/8 and ::1 in any spelling, false for anything else', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.example.com',
      '127.0.0.1.nip.io',
      '',
    ]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });
});
