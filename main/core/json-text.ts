import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** JSON text read strictly, or the first mistake with its line and column. */
export type JsonReading =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Parses JSON (a leading byte-order mark is ignored); a mistake is described as "line 3, column 14: …". */
export function parseJsonText(text: string): JsonReading {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    // V8 rarely says where the mistake is; a tolerant parser finds the first one.
    const errors: ParseError[] = [];
    parseTolerant(body, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) return { ok: false, error: (error as Error).message };
    const before = body.slice(0, first.offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    return {
      ok: false,
      error: `line ${line}, column ${column}: ${describeCode(printParseErrorCode(first.error))}`,
    };
  }
}

const CODE_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'unfinished comment',
  UnexpectedEndOfString: 'unfinished string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'unknown escape sequence',
  InvalidCharacter: 'control character in a string',
};

function describeCode(code: string): string {
  return CODE_WORDS[code] ?? code;
}
