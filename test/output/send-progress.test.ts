import { describe, expect, it } from 'vitest';
import { createSendProgressLine, formatSendProgress } from '../../src/output/send-progress.js';

const tally = (delivered: number, failed = 0) => ({ delivered, failed, badInputs: 0, notSent: 0 });
const ERASE = '\r\x1b[K';

describe('formatSendProgress', () => {
  it('shows done/total, the counts, the rate and the time left', () => {
    expect(formatSendProgress({ done: 412, total: 10_000, delivered: 410, failed: 2, elapsedMs: 1000 })).toBe(
      '412/10000  ✔ 410  ✘ 2  412/s  ETA 23s',
    );
    expect(formatSendProgress({ done: 3, delivered: 3, failed: 0, elapsedMs: 2000 })).toBe(
      '3/…  ✔ 3  ✘ 0  1.5/s',
    );
  });
});

describe('createSendProgressLine', () => {
  it('draws nothing for five payloads or fewer', () => {
    const line = createSendProgressLine(0);
    line.setTotal(5);
    for (let done = 1; done <= 5; done += 1) expect(line.update(tally(done), done * 1000)).toBe('');
    expect(line.clear()).toBe('');
  });

  it('draws as soon as the total is over five, then at most every 100ms; redraws at once after a clear', () => {
    const line = createSendProgressLine(0);
    line.setTotal(10);
    expect(line.update(tally(1), 1000)).toBe(`${ERASE}1/10  ✔ 1  ✘ 0  1.0/s  ETA 9.0s`);
    expect(line.update(tally(2), 1050)).toBe('');
    expect(line.update(tally(2, 1), 1100)).toBe(`${ERASE}3/10  ✔ 2  ✘ 1  2.7/s  ETA 2.6s`);
    expect(line.clear()).toBe(ERASE);
    expect(line.clear()).toBe('');
    expect(line.update(tally(4), 1120)).toMatch(/^\r\x1b\[K4\/10 {2}/);
  });

  it('counts bad inputs and payloads not sent as not delivered', () => {
    const line = createSendProgressLine(0);
    expect(line.update({ delivered: 3, failed: 1, badInputs: 1, notSent: 1 }, 1000)).toBe(
      `${ERASE}6/…  ✔ 3  ✘ 3  6.0/s`,
    );
  });
});
