import type { ParseError } from 'jsonc-parser';
import { jsoncParser } from './jsonc-parser.js';
import { createLineIndex } from './line-index.js';

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number; line: number; column: number };

// jsonc-parser's ParseErrorCode is a const enum, which isolated modules cannot read: its values.
const Code = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;

const MESSAGES: Record<number, string> = {
  [Code.InvalidSymbol]: 'unexpected character',
  [Code.InvalidNumberFormat]: 'invalid number',
  [Code.PropertyNameExpected]: 'expected a property name in double quotes',
  [Code.ValueExpected]: 'expected a value',
  [Code.ColonExpected]: 'expected ":"',
  [Code.CommaExpected]: 'expected "," or a closing bracket',
  [Code.CloseBraceExpected]: 'expected "}"',
  [Code.CloseBracketExpected]: 'expected "]"',
  [Code.EndOfFileExpected]: 'unexpected text after the JSON value',
  [Code.InvalidCommentToken]: 'comments are not allowed in JSON',
  [Code.UnexpectedEndOfComment]: 'comments are not allowed in JSON',
  [Code.UnexpectedEndOfString]: 'unterminated string',
  [Code.UnexpectedEndOfNumber]: 'invalid number',
  [Code.InvalidUnicode]: 'invalid \\u escape',
  [Code.InvalidEscapeCharacter]: 'invalid escape sequence',
  [Code.InvalidCharacter]: 'control character in a string (escape it)',
};

/**
 * `JSON.parse`, and when it fails, where and why: jsonc-parser is run (only on failure) in strict
 * JSON mode to find the first error's offset, so the message names a line and column and never
 * quotes the payload.
 */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const found = firstParseError(text);
    const offset = found?.offset ?? fallbackOffset(error, text.length);
    const message = found ? describe(found, text) : 'not valid JSON';
    return { ok: false, message, offset, ...createLineIndex(text)(offset) };
  }
}

function firstParseError(text: string): ParseError | undefined {
  let first: ParseError | undefined;
  let previousSeparator = -1;
  let trailingComma: number | undefined;
  jsoncParser().visit(
    text,
    {
      onError(error, offset, length) {
        first ??= { error, offset, length };
      },
      onSeparator(character, offset) {
        if (character === ',') previousSeparator = offset;
      },
      onObjectEnd(offset) {
        if (
          first === undefined &&
          trailingComma === undefined &&
          isTrailing(text, previousSeparator, offset)
        ) {
          trailingComma = previousSeparator;
        }
      },
      onArrayEnd(offset) {
        if (
          first === undefined &&
          trailingComma === undefined &&
          isTrailing(text, previousSeparator, offset)
        ) {
          trailingComma = previousSeparator;
        }
      },
    },
    { disallowComments: true, allowTrailingComma: true, allowEmptyContent: false },
  );
  if (trailingComma !== undefined && (first === undefined || trailingComma < first.offset)) {
    return { error: -1 as ParseError['error'], offset: trailingComma, length: 1 };
  }
  return first;
}

function isTrailing(text: string, comma: number, close: number): boolean {
  return comma >= 0 && comma < close && text.slice(comma + 1, close).trim() === '';
}

function describe(error: ParseError, text: string): string {
  if ((error.error as number) === -1) return 'trailing comma';
  if (error.offset >= text.trimEnd().length && error.error !== Code.EndOfFileExpected) {
    return 'unexpected end of file';
  }
  if (error.error === Code.InvalidSymbol && text[error.offset] === "'") {
    return 'strings must use double quotes';
  }
  return MESSAGES[error.error] ?? 'not valid JSON';
}

/** When jsonc-parser accepts what JSON.parse rejects: V8 names a position in some messages. */
function fallbackOffset(error: unknown, length: number): number {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Math.min(Number(match[1]), length) : 0;
}
