import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** JSON text read strictly, or the first mistake with its line and column. */
export type JsonReading =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * How deep arrays and objects may nest. Settings, sidecars and request bodies need a handful of
 * levels; thousands would overflow the stack of whatever walks the value afterwards.
 */
export const MAX_JSON_DEPTH = 64;

/** Parses JSON (a leading byte-order mark is ignored); a mistake is described as "line 3, column 14: …". */
export function parseJsonText(text: string): JsonReading {
  const body = text.replace(/^\uFEFF/, '');
  const tooDeep = depthBeyond(body, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      error: `${position(body, tooDeep)}: arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    // V8 rarely says where the mistake is; a tolerant parser finds the first one.
    const errors: ParseError[] = [];
    parseTolerant(body, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) return { ok: false, error: (error as Error).message };
    return {
      ok: false,
      error: `${position(body, first.offset)}: ${describeCode(printParseErrorCode(first.error))}`,
    };
  }
}

/** "line 3, column 14" for an offset into the text. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The offset of the bracket that opens a level deeper than `limit`, outside strings; undefined if none. */
function depthBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c /* \ */) at += 1;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return at;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return undefined;
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
