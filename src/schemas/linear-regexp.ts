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

/** One character-consuming atom with its repetition, or an anchor, in a pattern without groups or `|`. */
type Item =
  | {
      kind: 'atom';
      /** The atom's source (`a`, `\d`, `[^/]`, `.`, `\p{L}`). */
      source: string;
      /** The one character it matches, when that is plain (`a`, `\/`, `\.`); undefined for sets. */
      char?: string;
      min: number;
      max: number;
    }
  | { kind: 'start' | 'end' | 'boundary' };

/** Characters written as themselves outside a class: anything but the syntax characters. */
const SYNTAX = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' };

/**
 * `pattern` (a valid `u`-flag JavaScript regular expression) as a flat list of items, or null when
 * it has anything this reading does not cover: `|`, a quantified group, a lookaround, a
 * backreference, a surrogate written as `\u` escapes. Groups that are not quantified only capture:
 * they are dropped.
 */
function flatten(pattern: string): Item[] | null {
  const chars = [...pattern];
  const items: Item[] = [];
  let index = 0;
  const atom = (source: string, char?: string) => {
    items.push({ kind: 'atom', source, min: 1, max: 1, ...(char !== undefined && { char }) });
  };
  while (index < chars.length) {
    const char = chars[index] as string;
    index += 1;
    if (char === '\\') {
      const next = chars[index] ?? '';
      index += 1;
      if (/[1-9k]/.test(next)) return null;
      if (next === 'b' || next === 'B') items.push({ kind: 'boundary' });
      else if (/[dDwWsS]/.test(next)) atom(`\\${next}`);
      else if (next === 'p' || next === 'P') {
        const end = chars.indexOf('}', index);
        atom(chars.slice(index - 2, end + 1).join(''));
        index = end + 1;
      } else if (next === 'u' || next === 'x' || next === 'c' || next === '0') {
        // `\u{1F600}`, `\u0041`, `\x41`, `\cJ`, `\0`: one character, read by the engine alone.
        const rest = chars.slice(index).join('');
        const length =
          /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(next === 'u' ? rest : '')?.[0].length ??
          (next === 'x' ? 2 : next === 'c' ? 1 : 0);
        const source = `\\${next}${rest.slice(0, length)}`;
        if (next === 'u' && /^\\u[dD][89a-fA-F]/.test(source)) return null;
        atom(source);
        index += [...rest.slice(0, length)].length;
      } else if (Object.hasOwn(CONTROL_ESCAPES, next)) atom(`\\${next}`, CONTROL_ESCAPES[next]);
      else atom(`\\${next}`, /[A-Za-z0-9]/.test(next) ? undefined : next);
    } else if (char === '[') {
      let end = index;
      if (chars[end] === '^') end += 1;
      // `[]` is the empty class: a `]` right after `[` or `[^` closes it.
      while (end < chars.length && chars[end] !== ']') end += chars[end] === '\\' ? 2 : 1;
      atom(chars.slice(index - 1, end + 1).join(''));
      index = end + 1;
    } else if (char === '(') {
      if (chars[index] !== '?') continue;
      const kind = chars.slice(index, index + 3).join('');
      if (kind.startsWith('?:')) index += 2;
      else if (kind.startsWith('?<') && !/^\?<[=!]/.test(kind)) index = chars.indexOf('>', index) + 1;
      else return null;
    } else if (char === ')') {
      if (/[*+?{]/.test(chars[index] ?? '')) return null;
    } else if (char === '|') return null;
    else if (char === '^') items.push({ kind: 'start' });
    else if (char === '$') items.push({ kind: 'end' });
    else if (/[*+?{]/.test(char)) {
      const last = items.at(-1);
      if (last?.kind !== 'atom' || last.min !== 1 || last.max !== 1) return null;
      if (char === '{') {
        const close = chars.indexOf('}', index);
        const [from = '', to] = chars.slice(index, close).join('').split(',');
        last.min = Number(from);
        last.max = to === undefined ? last.min : to === '' ? Number.POSITIVE_INFINITY : Number(to);
        index = close + 1;
      } else {
        last.min = char === '+' ? 1 : 0;
        last.max = char === '?' ? 1 : Number.POSITIVE_INFINITY;
      }
      // Lazy (`+?`) or greedy, the same choices are tried, in another order.
      if (chars[index] === '?') index += 1;
    } else atom(char, SYNTAX.has(char) ? undefined : char);
  }
  return items;
}

/**
 * True when JavaScript's backtracking engine provably runs `pattern` in time linear in the string
 * (times the pattern's length), so that it may run there instead of on RE2 (V8's engine is 5 to 20
 * times faster per match). The rule is simple and sound rather than complete:
 * - the `u` flag only; no `|`, no quantified group, no lookaround, no backreference;
 * - a pattern not anchored with a leading `^` repeats nothing a variable number of times (`{40}`
 *   is fixed; `+`, `*`, `?`, `{2,5}` are variable), since an unanchored search restarts at every
 *   position: `a+b` against n a's is n²;
 * - in an anchored one, each variably repeated atom ends the pattern (`$` or nothing after it), or
 *   is followed by one fixed character it cannot match (`[^/]+/`, `\d+-`). Its greedy run then has
 *   one place where the rest can go on, so giving characters back costs one step each:
 *   `^\d+\d+$` (n² tries) and `^a?a?a?…aaa$` (2^k) are not of this form.
 * Everything else runs on RE2.
 */
export function backtracksLinearly(pattern: string, flags: string): boolean {
  if (flags !== 'u') return false;
  const items = flatten(pattern);
  if (!items) return false;
  const anchored = items[0]?.kind === 'start';
  for (const [index, item] of items.entries()) {
    if (item.kind === 'start' && index !== 0) return false;
    if (item.kind === 'end' && index !== items.length - 1) return false;
    if (item.kind !== 'atom' || item.min === item.max) continue;
    if (!anchored) return false;
    const next = items[index + 1];
    if (next === undefined || next.kind === 'end') continue;
    const fixedChar = next.kind === 'atom' && next.min === next.max && next.min >= 1 ? next.char : undefined;
    if (fixedChar === undefined || new RegExp(`^(?:${item.source})$`, 'u').test(fixedChar)) return false;
  }
  return true;
}

/**
 * Ajv's `code.regExp`: compiles a schema's `pattern` or `patternProperties` key so that no
 * pattern and no payload can stall validate or the listener (`^(a+)+$` against 28 a's and a `!`
 * took 11 s with JavaScript's engine). A pattern that provably backtracks linearly
 * (`backtracksLinearly`: `^[0-9a-f]{40}$`, `^[^/]+/[^/]+$`) runs on JavaScript's engine; any other
 * on RE2 (re2js), which matches in time linear in the string.
 * The pattern must first be a valid JavaScript regular expression, as JSON Schema requires, and
 * one that RE2 cannot run (a backreference, a lookahead) is refused with the reason, whichever
 * engine would run it: what a schema may contain does not depend on this choice.
 */
export function linearRegExp(pattern: string, flags: string): PatternTest {
  // Throws the usual SyntaxError (`Invalid regular expression: /(/u: Unterminated group`).
  const native = new RegExp(pattern, flags);
  const RE2 = engine();
  let compiled: ReturnType<typeof RE2.compile>;
  try {
    compiled = RE2.compile(RE2.translateRegExp(toRe2Syntax(pattern)), RE2.LOOKBEHINDS);
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
  // Ajv shares one compiled pattern per distinct `toString()`.
  const source = `/${pattern}/${flags}`;
  const test = backtracksLinearly(pattern, flags)
    ? (value: string) => native.test(value)
    : (value: string) => compiled.test(value);
  return { test, toString: () => source };
}
linearRegExp.code = 're2js';
