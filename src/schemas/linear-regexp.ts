import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

/** What Ajv needs of a compiled pattern (its `RegExpLike`), and the key it shares it under. */
export interface PatternTest {
  test(value: string): boolean;
  toString(): string;
}

/**
 * JavaScript's `\s` (ECMA-262 WhiteSpace and LineTerminator), as code point ranges. RE2's `\s` is
 * only `[\t\n\f\r ]`, so `\s` and `\S` are spelled out to keep the verdicts JSON Schema asks for
 * (patterns are ECMA-262 regular expressions: https://json-schema.org/draft/2020-12/json-schema-core#section-6.4).
 */
export const JS_WHITESPACE: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** What JavaScript's `.` does not match (without the `s` flag): the line terminators. */
const LINE_TERMINATORS: ReadonlyArray<readonly [number, number]> = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

const MAX_CODE_POINT = 0x10ffff;

function complement(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** Class contents in JavaScript syntax (`\u{9}-\u{d}...`), which RE2JS.translateRegExp turns into RE2's. */
function classBody(ranges: ReadonlyArray<readonly [number, number]>): string {
  const hex = (code: number) => `\\u{${code.toString(16)}}`;
  return ranges.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
}

const SPACE = classBody(JS_WHITESPACE);
const NOT_SPACE = classBody(complement(JS_WHITESPACE));
const NOT_LINE_TERMINATOR = classBody(complement(LINE_TERMINATORS));

/**
 * The long names of Unicode's General Categories, which JavaScript accepts (`\p{Letter}`) and RE2
 * knows only by their short aliases (`\p{L}`): https://www.unicode.org/Public/UCD/latest/ucd/PropertyValueAliases.txt
 */
const GENERAL_CATEGORY_ALIASES: Readonly<Record<string, string>> = {
  Other: 'C',
  Control: 'Cc',
  Format: 'Cf',
  Unassigned: 'Cn',
  Private_Use: 'Co',
  Surrogate: 'Cs',
  Letter: 'L',
  Cased_Letter: 'LC',
  Lowercase_Letter: 'Ll',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Titlecase_Letter: 'Lt',
  Uppercase_Letter: 'Lu',
  Mark: 'M',
  Combining_Mark: 'M',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Nonspacing_Mark: 'Mn',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Close_Punctuation: 'Pe',
  Final_Punctuation: 'Pf',
  Initial_Punctuation: 'Pi',
  Other_Punctuation: 'Po',
  Open_Punctuation: 'Ps',
  Symbol: 'S',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Math_Symbol: 'Sm',
  Other_Symbol: 'So',
  Separator: 'Z',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Space_Separator: 'Zs',
};

/** A construct RE2 has no linear-time form for. */
class Unsupported extends Error {}

/**
 * Rewrites the constructs whose meaning differs between JavaScript (`u` flag) and RE2 into forms
 * both read alike: `\s`, `\S` and `.` (RE2's are ASCII-only and match `\r`), `[\b]` (backspace in
 * JavaScript, an error in RE2), `\p{Script=Greek}` (RE2 knows only the bare name). The rest of the
 * syntax conversion (`\u`, named groups, `[]`, `[^]`) is RE2JS.translateRegExp's. Backreferences
 * and lookahead are refused here (translateRegExp would turn `\k<a>` into a literal `k<a>`).
 */
export function toRe2Syntax(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      index += 1;
      if (/[1-9k]/.test(next)) throw new Unsupported(`backreference \\${next}`);
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S') out += inClass ? NOT_SPACE : `[${NOT_SPACE}]`;
      else if (next === 'b' && inClass) out += '\\x08';
      else if ((next === 'p' || next === 'P') && pattern[index + 1] === '{') {
        const end = pattern.indexOf('}', index);
        const name = pattern.slice(index + 2, end).replace(/^(Script|sc|General_Category|gc)=/, '');
        out += `\\${next}{${Object.hasOwn(GENERAL_CATEGORY_ALIASES, name) ? GENERAL_CATEGORY_ALIASES[name] : name}}`;
        index = end;
      } else out += `\\${next}`;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
      // `[]` and `[^]` (empty, everything) are translateRegExp's; a `]` right after `[` or `[^` closes.
      if (pattern[index + 1] === '^') {
        out += '^';
        index += 1;
      }
      if (pattern[index + 1] === ']') {
        out += ']';
        index += 1;
        inClass = false;
      }
    } else if (char === '(' && pattern[index + 1] === '?' && /[=!]/.test(pattern[index + 2] ?? '')) {
      throw new Unsupported(`lookahead (?${pattern[index + 2]}`);
    } else if (char === '.') {
      out += `[${NOT_LINE_TERMINATOR}]`;
    } else {
      out += char;
    }
  }
  return out;
}

type Re2Module = { RE2JS: typeof RE2JS };
let re2: Re2Module['RE2JS'] | undefined;

/** re2js (260 KB) is loaded the first time a schema has a pattern, never for schemas without one. */
function engine(): Re2Module['RE2JS'] {
  re2 ??= (createRequire(import.meta.url)('re2js') as Re2Module).RE2JS;
  return re2;
}

/**
 * Ajv's `code.regExp`: compiles a schema's `pattern` or `patternProperties` key for RE2 (re2js),
 * which matches in time linear in the string, so that no pattern and no payload can stall validate
 * or the listener (`^(a+)+$` against 28 a's and a `!` took 11 s with JavaScript's engine).
 * The pattern must first be a valid JavaScript regular expression, as JSON Schema requires; one
 * that RE2 cannot run (a backreference, a lookahead) is refused with the reason, never run by
 * JavaScript's backtracking engine instead.
 */
export function linearRegExp(pattern: string, flags: string): PatternTest {
  // Throws the usual SyntaxError (`Invalid regular expression: /(/u: Unterminated group`).
  new RegExp(pattern, flags);
  const RE2 = engine();
  try {
    const compiled = RE2.compile(RE2.translateRegExp(toRe2Syntax(pattern)), RE2.LOOKBEHINDS);
    return {
      test: (value) => compiled.test(value),
      // Ajv shares one compiled pattern per distinct `toString()`.
      toString: () => `/${pattern}/${flags}`,
    };
  } catch (error) {
    const shown = JSON.stringify(pattern);
    if (error instanceof Unsupported) {
      throw new Error(
        `pattern ${shown} cannot run in linear time (${error.message}): schema patterns are checked with RE2, which has no lookahead or backreferences`,
      );
    }
    // RE2's own limits: a repetition count over 1000, a Unicode property it has no table for.
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new Error(
      `pattern ${shown} is beyond RE2, the linear-time engine schema patterns are checked with (${reason})`,
    );
  }
}
linearRegExp.code = 're2js';
