import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/options/duration.js';
import {
  getHeader,
  pairsFromRawHeaders,
  parseHeaderFlag,
  withHeaders,
  withoutHeaders,
} from '../../src/options/headers.js';
import { parseInteger, parsePort } from '../../src/options/numbers.js';
import { redactSecrets, resolveSecrets } from '../../src/options/secrets.js';
import { formatSize, parseSize } from '../../src/options/size.js';
import { colorLevel, createColors } from '../../src/output/colors.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    [' 2S ', 2000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('takes days, up to the 24 a timer can wait', () => {
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('24d')).toBe(2_073_600_000);
    expect(() => parseDuration('25d', '--timeout')).toThrow("--timeout: '25d' is too long");
  });

  it('needs a unit for every number but 0, the same for every flag (#12)', () => {
    expect(() => parseDuration('30', '--timeout')).toThrow("--timeout: '30' is not a duration");
    expect(() => parseDuration('300', '--tolerance')).toThrow("--tolerance: '300' is not a duration");
    expect(() => parseDuration('0.5', '--delay')).toThrow("--delay: '0.5' is not a duration");
    expect(parseDuration('0', '--tolerance')).toBe(0);
    expect(parseDuration(' 0.0 ', '--delay')).toBe(0);
  });

  it.each(['', 'fast', '-1s', '1w', '1e3ms', '1 d 2h'])('rejects %j with a hint', (text) => {
    expect(() => parseDuration(text, '--delay')).toThrowError(/--delay: '.*' is not a duration/);
  });

  it('rejects durations past what a timer can hold', () => {
    expect(() => parseDuration('1000h')).toThrow('too long');
  });

  it('formats durations for people', () => {
    expect(formatDuration(43)).toBe('43ms');
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(7_200_000)).toBe('2h');
  });
});

describe('parseSize', () => {
  it.each([
    ['512kb', 512 * 1024],
    ['1mb', 1024 * 1024],
    ['1.5MB', 1.5 * 1024 * 1024],
    ['2048', 2048],
    ['10k', 10 * 1024],
    ['1gb', 1024 ** 3],
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'big', '-1kb', '1tb', '0'])('rejects %j', (text) => {
    expect(() => parseSize(text, '--max-body')).toThrowError(/^--max-body: /);
  });

  it('formats sizes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('header flags', () => {
  it('never echoes a control character from the flag raw', () => {
    expect(() => parseHeaderFlag('\x1b[2Jno colon')).toThrow("--header: '\\e[2Jno colon' is not a header");
    expect(() => parseHeaderFlag('X\x07Bell: 1')).toThrow(
      "--header: 'X\\x07Bell' is not a valid header name",
    );
  });

  it('parses Name: value, trimming around the value', () => {
    expect(parseHeaderFlag('X-Test:  a: b ')).toEqual(['X-Test', 'a: b']);
    expect(parseHeaderFlag('X-Empty:')).toEqual(['X-Empty', '']);
  });

  it.each([
    ['no colon', "-H: 'no colon' is not a header (write it as 'Name: value')"],
    [': value', "-H: ': value' is not a header"],
    ['Bad Name: x', "-H: 'Bad Name' is not a valid header name"],
    ['X: a\nb', "-H: the value of 'X' contains a line break or NUL"],
  ])('rejects %j', (text, message) => {
    expect(() => parseHeaderFlag(text, '-H')).toThrow(message.split(' (')[0]);
  });

  it('looks headers up case-insensitively and edits lists without losing order', () => {
    const headers = pairsFromRawHeaders(['Host', 'a', 'X-One', '1', 'x-one', '2', 'Accept', '*/*']);
    expect(headers).toEqual([
      ['Host', 'a'],
      ['X-One', '1'],
      ['x-one', '2'],
      ['Accept', '*/*'],
    ]);
    expect(getHeader(headers, 'X-ONE')).toBe('1');
    expect(getHeader(headers, 'missing')).toBeUndefined();
    expect(withoutHeaders(headers, ['x-one'])).toEqual([
      ['Host', 'a'],
      ['Accept', '*/*'],
    ]);
    expect(withHeaders(headers, [['X-One', '3']])).toEqual([
      ['Host', 'a'],
      ['Accept', '*/*'],
      ['X-One', '3'],
    ]);
  });
});

describe('resolveSecrets', () => {
  it('takes every --secret in order, then --secret-env', () => {
    expect(resolveSecrets({ secret: ['a', 'b'], secretEnv: 'MY' }, { MY: 'c', WEBHOOK_SECRET: 'd' })).toEqual(
      ['a', 'b', 'c'],
    );
  });

  it('falls back to WEBHOOK_SECRET only when no secret flag is given', () => {
    expect(resolveSecrets({}, { WEBHOOK_SECRET: 'd' })).toEqual(['d']);
    expect(resolveSecrets({ secret: ['a'] }, { WEBHOOK_SECRET: 'd' })).toEqual(['a']);
    expect(resolveSecrets({}, {})).toEqual([]);
  });

  it('names a missing variable without echoing any secret', () => {
    expect(() => resolveSecrets({ secret: ['hunter2'], secretEnv: 'NOPE' }, {})).toThrow(
      '--secret-env: the environment variable NOPE is not set',
    );
    try {
      resolveSecrets({ secret: ['hunter2'], secretEnv: 'NOPE' }, {});
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
    expect(() => resolveSecrets({ secret: [''] }, {})).toThrow('--secret is empty');
  });

  it('redacts secrets from text', () => {
    expect(redactSecrets('key=hunter2&x=hunter2', ['hunter2'])).toBe('key=[redacted]&x=[redacted]');
  });
});

describe('numbers', () => {
  it('parses ports and bounded integers', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('9876')).toBe(9876);
    expect(() => parsePort('70000')).toThrow("--port: '70000' is not a whole number from 0 to 65535");
    expect(() => parseInteger('1.5', '--retries')).toThrow(
      "--retries: '1.5' is not a whole number 0 or more",
    );
    expect(() => parseInteger('x', '--retries')).toThrow('--retries');
  });
});

describe('colorLevel', () => {
  it('is off for pipes, on for TTYs, and follows NO_COLOR and FORCE_COLOR', () => {
    expect(colorLevel({ write: () => true, isTTY: false }, {})).toBe(0);
    expect(colorLevel({ write: () => true, isTTY: true }, {})).toBe(1);
    expect(colorLevel({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel({ write: () => true, isTTY: false }, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel({ write: () => true, isTTY: true }, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel({ write: () => true, isTTY: true }, { TERM: 'xterm-256color' })).toBe(2);
  });
  it('colours with chalk when the stream shows colour, and leaves text as it is otherwise', async () => {
    const pipe = { write: () => true, isTTY: false };
    const plain = await createColors(pipe, {});
    for (const style of ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'dim', 'bold'] as const) {
      expect(plain[style]('text')).toBe('text');
    }
    const forced = await createColors(pipe, { FORCE_COLOR: '1' });
    expect(forced.red('text')).toBe('\u001b[31mtext\u001b[39m');
    expect(forced.dim('text')).toBe('\u001b[2mtext\u001b[22m');
  });
});
