import { describe, expect, it } from 'vitest';
import {
  backtracksLinearly,
  JS_WHITESPACE,
  linearRegExp,
  toRe2Syntax,
} from '../../src/schemas/linear-regexp.js';

describe('linearRegExp', () => {
  it('runs a catastrophic-backtracking pattern in linear time (#12)', () => {
    // JavaScript's engine takes seconds at 28 a's and doubles with each one more; RE2 takes
    // microseconds, so 10,000 a's finish at once.
    const pattern = linearRegExp('^(a+)+$', 'u');
    const started = performance.now();
    expect(pattern.test(`${'a'.repeat(28)}!`)).toBe(false);
    expect(pattern.test(`${'a'.repeat(10_000)}!`)).toBe(false);
    expect(pattern.test('a'.repeat(10_000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  // Each pattern against each string: the verdict must be JavaScript's (JSON Schema patterns are
  // ECMA-262 regular expressions), including where RE2's own reading differs.
  const cases: Array<[string, string[]]> = [
    ['\\s', [' ', '\t', '\u00a0', '\ufeff', '\u2028', '\u3000', '\u200b', 'x', '\u0085']],
    ['^\\S+$', ['abc', 'a\u00a0b', 'a\u1680b', '\u0085', 'é😀']],
    ['^[\\s]$', ['\u00a0', 'x']],
    ['^[^\\s]$', ['\u00a0', 'x']],
    ['^[\\S]$', ['\u00a0', 'x', '😀']],
    ['^[^\\S]$', ['\u00a0', 'x']],
    ['^[a\\s-]+$', ['a -\u00a0', 'ab']],
    ['^.$', ['a', '\n', '\r', '\u2028', '\u2029', '😀', '\u0085']],
    ['^a.c$', ['abc', 'a\rc', 'a\nc']],
    ['\\.', ['.', 'a']],
    ['^[.]$', ['.', 'a']],
    ['^[\\b]$', ['\b', 'b']],
    ['\\bfoo\\b', ['a foo b', 'afoo']],
    ['^\\d+$', ['123', '١٢']],
    ['^\\w+$', ['abc_1', 'é']],
    ['^[]$', ['', 'a']],
    ['^[^]$', ['a', '\n']],
    ['^[]a$', ['a', ']a']],
    ['^\\u0041\\u{1F600}$', ['A😀', 'B😀']],
    ['^\\x41$', ['A', 'B']],
    ['^\\cJ$', ['\n', 'J']],
    ['^(?<year>\\d{4})-\\d{2}$', ['2026-01', '26-01']],
    ['(?<=\\$)\\d+', ['$12', '12']],
    ['(?<!\\$)\\b\\d+', ['$12', '12']],
    ['^\\p{Lu}\\p{Ll}+$', ['Ábc', 'abc']],
    ['^\\p{Letter}+$', ['Ábc', 'a1', 'ß']],
    ['^\\P{Decimal_Number}$', ['x', '7', '٣']],
    ['^\\p{Script=Greek}+$', ['αβγ', 'abc']],
    ['^\\p{sc=Greek}$', ['α', 'a']],
    ['^\\P{L}$', ['1', 'a']],
    ['^[a-z]{2,4}$', ['ab', 'abcde']],
    ['^$', ['', '\n']],
    ['^a$', ['a', 'a\n']],
    ['', ['', 'x']],
    ['\\/', ['/', 'x']],
    ['^(a|ab)(c|bcd)$', ['abcd', 'abc', 'ac']],
  ];
  for (const [source, inputs] of cases) {
    it(`agrees with JavaScript on /${source}/u`, () => {
      const native = new RegExp(source, 'u');
      const linear = linearRegExp(source, 'u');
      for (const input of inputs) expect([input, linear.test(input)]).toEqual([input, native.test(input)]);
    });
  }

  it("spells out exactly JavaScript's \\s", () => {
    const inTable = (code: number) => JS_WHITESPACE.some(([from, to]) => code >= from && code <= to);
    const differences: number[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (/\s/u.test(String.fromCodePoint(code)) !== inTable(code)) differences.push(code);
    }
    expect(differences).toEqual([]);
  });

  it('refuses what RE2 cannot run, saying why', () => {
    const refusal = (source: string) => {
      try {
        linearRegExp(source, 'u');
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal('^(a)\\1$')).toBe(
      'pattern "^(a)\\\\1$" cannot run in linear time (backreference \\1): schema patterns are checked with RE2, which has no lookahead or backreferences',
    );
    expect(refusal('^(?!x)a')).toBe(
      'pattern "^(?!x)a" cannot run in linear time (lookahead (?!): schema patterns are checked with RE2, which has no lookahead or backreferences',
    );
    expect(refusal('a(?=b)')).toContain('(lookahead (?=)');
    expect(refusal('^(?<n>a)\\k<n>$')).toContain('(backreference \\k)');
    expect(refusal('(a)(b)(c)(d)(e)(f)(g)(h)\\8')).toContain('(backreference \\8)');
    // RE2's own limits come with its words.
    expect(refusal('^a{1001}$')).toBe(
      'pattern "^a{1001}$" is beyond RE2, the linear-time engine schema patterns are checked with (invalid repeat count: `{1001}`)',
    );
    expect(refusal('\\p{scx=Greek}')).toBe(
      'pattern "\\\\p{scx=Greek}" is beyond RE2, the linear-time engine schema patterns are checked with (invalid character class range: `\\p{scx=Greek}`)',
    );
    // General Categories by their long names are RE2's short ones.
    expect(refusal('^\\p{Letter}+$')).toBe('accepted');
    // Brackets and escapes are not lookahead.
    expect(refusal('[(?=]\\(?=')).toBe('accepted');
    // Not a JavaScript regular expression at all: the same error as before.
    expect(refusal('(')).toBe('Invalid regular expression: /(/u: Unterminated group');
  });

  it('shares a compiled pattern by its source', () => {
    expect(String(linearRegExp('^a+$', 'u'))).toBe('/^a+$/u');
    expect(toRe2Syntax('a.b')).toBe('a[\\u{0}-\\u{9}\\u{b}-\\u{c}\\u{e}-\\u{2027}\\u{202a}-\\u{10ffff}]b');
  });
});

describe('backtracksLinearly: which patterns may run on JavaScript’s engine (#13)', () => {
  // Each one anchored, with every variable repetition either last or followed by a character it
  // cannot match; or with no variable repetition at all.
  const linear = [
    '^[0-9a-f]{40}$',
    '[0-9a-f]{40}',
    '^[^/]+/[^/]+$',
    '^\\d+-\\d+$',
    '^https?://',
    '^\\S+$',
    '^[a-z]+$',
    '^(?<year>\\d{4})-(?:\\d{2})$',
    '^[A-Z]{2,3}\\/\\d*$',
    '^v\\d+\\.\\d+\\.\\d+$',
    '\\bfoo\\b',
    '^a{1,3}b$',
    '',
    'abc',
  ];
  // The known catastrophic forms (exponential or polynomial), and forms the rule does not cover.
  const refused = [
    '^(a+)+$',
    '^(x+)+$',
    '(a|aa)+',
    '(a|a?)+$',
    '^(\\w+\\s?)*$',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    '^(a?){25}a{25}$',
    '^a?a?a?a?a?aaaaa$',
    '^\\d+\\d+$',
    '^\\d+\\d*x$',
    '^[a-z]+[a-z0-9]+$',
    '^.*.*=.*$',
    '^.+@.+$',
    '\\s+$',
    'a+b',
    '^\\d+[a-z]$',
    '^\\w+\\b',
    '^(a|b)$',
    '^a+(?=b)',
    '^(a)\\1+$',
    '^\\uD83D\\uDE00+$',
    'x^a+$',
    '^a+$b',
  ];
  for (const pattern of linear) {
    it(`runs /${pattern}/u on JavaScript's engine`, () =>
      expect(backtracksLinearly(pattern, 'u')).toBe(true));
  }
  for (const pattern of refused) {
    it(`keeps /${pattern}/u on RE2`, () => expect(backtracksLinearly(pattern, 'u')).toBe(false));
  }
  it('keeps patterns with other flags on RE2', () => {
    expect(backtracksLinearly('^a+$', 'iu')).toBe(false);
    expect(backtracksLinearly('^a+$', '')).toBe(false);
  });

  it('the patterns it lets through stay fast on hostile strings', () => {
    const hostile = ['a', '0', 'f', '/', '-', ' ', '.', 'x', 'A1'].flatMap((unit) => [
      unit.repeat(50_000),
      `${unit.repeat(50_000)}!`,
      `${unit.repeat(25_000)}/${unit.repeat(25_000)}/`,
    ]);
    for (const pattern of linear) {
      const compiled = linearRegExp(pattern, 'u');
      const native = new RegExp(pattern, 'u');
      const started = performance.now();
      for (const value of hostile)
        expect([pattern, compiled.test(value)]).toEqual([pattern, native.test(value)]);
      expect([pattern, performance.now() - started < 500]).toEqual([pattern, true]);
    }
  });

  it('what a schema may contain does not change: RE2 still decides what is refused', () => {
    expect(() => linearRegExp('^a{1001}$', 'u')).toThrow('is beyond RE2');
    expect(backtracksLinearly('^a{1001}$', 'u')).toBe(true);
  });
});
