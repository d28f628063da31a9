import { TEMPLATE_FIELDS, type TemplateField } from './template-fields.ts';
import type { WallClock } from './wall-clock.ts';

/** A date or time token inside {date:…}, {time:…} or {datetime:…}. */
export type DatePiece = 'YYYY' | 'YY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss';

/** How many digits each date piece takes. */
export const DATE_PIECE_WIDTH: Readonly<Record<DatePiece, number>> = {
  YYYY: 4,
  YY: 2,
  MM: 2,
  DD: 2,
  HH: 2,
  mm: 2,
  ss: 2,
};

/** The wall-clock field each date piece sets, which is also its name in messages. */
export const PIECE_UNIT: Readonly<Record<DatePiece, keyof WallClock>> = {
  YYYY: 'year',
  YY: 'year',
  MM: 'month',
  DD: 'day',
  HH: 'hour',
  mm: 'minute',
  ss: 'second',
};

const PIECES_IN: Readonly<Record<string, readonly DatePiece[]>> = {
  date: ['YYYY', 'YY', 'MM', 'DD'],
  time: ['HH', 'mm', 'ss'],
  datetime: ['YYYY', 'YY', 'MM', 'DD', 'HH', 'mm', 'ss'],
};

/** One piece of a template, in order. `source` is the placeholder as written, for messages. */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'date'; readonly piece: DatePiece; readonly source: string }
  | { readonly kind: 'field'; readonly field: TemplateField; readonly source: string }
  | { readonly kind: 'extra'; readonly key: string; readonly source: string }
  | { readonly kind: 'ignore'; readonly source: string };

class TemplateProblem extends Error {}

function problem(message: string): never {
  throw new TemplateProblem(message);
}

/** Reads a template into its parts, or says in a plain sentence what is wrong with it. */
export function readTemplate(
  template: string,
):
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly error: string } {
  try {
    const parts = split(template);
    checkParts(parts);
    return { ok: true, parts };
  } catch (error) {
    if (error instanceof TemplateProblem) return { ok: false, error: error.message };
    throw error;
  }
}

function pushLiteral(parts: TemplatePart[], text: string): void {
  const last = parts.at(-1);
  if (last?.kind === 'literal')
    parts[parts.length - 1] = { kind: 'literal', text: last.text + text };
  else if (text) parts.push({ kind: 'literal', text });
}

function split(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{', at);
    const stray = template.indexOf('}', at);
    if (stray >= 0 && (open < 0 || stray < open)) {
      problem(`the template has a '}' at character ${stray + 1} with no '{' before it`);
    }
    if (open < 0) {
      pushLiteral(parts, template.slice(at));
      break;
    }
    const close = template.indexOf('}', open);
    const nested = template.indexOf('{', open + 1);
    if (close < 0 || (nested >= 0 && nested < close)) {
      problem(`the template has a '{' at character ${open + 1} that is not closed with '}'`);
    }
    pushLiteral(parts, template.slice(at, open));
    for (const part of placeholder(template.slice(open + 1, close))) {
      if (part.kind === 'literal') pushLiteral(parts, part.text);
      else parts.push(part);
    }
    at = close + 1;
  }
  return parts;
}

/** The one key that JavaScript objects treat as their prototype, not as data. */
const FORBIDDEN_KEY = '__proto__';

const FIELD_LIST = [...TEMPLATE_FIELDS.keys()].map((name) => `{${name}}`).join(', ');

function placeholder(inner: string): TemplatePart[] {
  const source = `{${inner}}`;
  if (!inner.trim()) problem('the template has an empty {}: put a field inside, such as {agentId}');
  const colon = inner.indexOf(':');
  const name = colon < 0 ? inner : inner.slice(0, colon);
  const argument = colon < 0 ? undefined : inner.slice(colon + 1);
  if (Object.hasOwn(PIECES_IN, name)) {
    return argument
      ? datePieces(name, argument, source)
      : problem(
          `{${name}} needs a format, such as {date:YYYYMMDD}, {time:HHmm} or {datetime:YYYYMMDDHHmmss}`,
        );
  }
  if (name === 'extra') {
    if (argument === FORBIDDEN_KEY) {
      problem(`${source} cannot be used: ${FORBIDDEN_KEY} is not allowed as a key`);
    }
    return argument
      ? [{ kind: 'extra', key: argument, source }]
      : problem('{extra} needs a key, such as {extra:ringGroup}');
  }
  const field = TEMPLATE_FIELDS.get(name);
  if (name !== '*' && !field) {
    const near = [...TEMPLATE_FIELDS.keys()].find(
      (known) => known.toLowerCase() === name.toLowerCase(),
    );
    problem(
      near
        ? `${source} is not a field: did you mean {${near}}?`
        : `${source} is not a field: use ${FIELD_LIST}, {date:…}, {time:…}, {datetime:…}, {extra:key} or {*}`,
    );
  }
  if (argument !== undefined) {
    problem(`${source} takes no ':' format: only date, time, datetime and extra do`);
  }
  return field ? [{ kind: 'field', field, source }] : [{ kind: 'ignore', source }];
}

const ALL_PIECES: readonly DatePiece[] = ['YYYY', 'YY', 'MM', 'DD', 'HH', 'mm', 'ss'];

function datePieces(kind: string, format: string, source: string): TemplatePart[] {
  const allowed = PIECES_IN[kind] ?? [];
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < format.length) {
    const piece = ALL_PIECES.find((candidate) => format.startsWith(candidate, at));
    if (piece && allowed.includes(piece)) {
      parts.push({ kind: 'date', piece, source });
      at += piece.length;
    } else if (piece) {
      problem(
        `${source} has ${piece}, which is the ${PIECE_UNIT[piece]}: a ${kind} takes ${allowed.join(', ')}`,
      );
    } else if (format.charAt(at) === '[') {
      const close = format.indexOf(']', at);
      if (close < 0) problem(`${source} has a '[' that is not closed with ']'`);
      parts.push({ kind: 'literal', text: format.slice(at + 1, close) });
      at = close + 1;
    } else if (/[A-Za-z]/.test(format.charAt(at))) {
      const word = /^[A-Za-z]+/.exec(format.slice(at))?.[0] ?? '';
      problem(
        `${source} has '${word}', which is not a date or time token: use YYYY, YY, MM, DD, HH, mm and ss, and put other letters in [ ], such as [T]`,
      );
    } else {
      parts.push({ kind: 'literal', text: format.charAt(at) });
      at += 1;
    }
  }
  return parts;
}

/** A part whose text has no fixed width, so only a literal can end it. */
export type VariablePart = Extract<TemplatePart, { kind: 'field' | 'extra' | 'ignore' }>;

/** Whether a part has no fixed width (a field, an extra key or {*}). */
export function isVariable(part: TemplatePart | undefined): part is VariablePart {
  return part?.kind === 'field' || part?.kind === 'extra' || part?.kind === 'ignore';
}

function checkParts(parts: readonly TemplatePart[]): void {
  if (!parts.some((part) => part.kind !== 'literal' && part.kind !== 'ignore')) {
    problem('the template has no fields: put at least one in braces, such as {agentId}');
  }
  const givenBy = new Map<string, string>();
  const give = (what: string, source: string): void => {
    const earlier = givenBy.get(what);
    if (earlier) {
      problem(
        `the template gives the ${what} twice${earlier === source ? ` (${source})` : `: in ${earlier} and ${source}`}`,
      );
    }
    givenBy.set(what, source);
  };
  for (const [index, part] of parts.entries()) {
    const next = parts[index + 1];
    if (isVariable(part) && isVariable(next)) {
      problem(
        `${part.source} and ${next.source} have nothing between them, so the name cannot be split: put a separator such as _ between them`,
      );
    }
    if (part.kind === 'date') give(PIECE_UNIT[part.piece], part.source);
    if (part.kind === 'field') for (const name of part.field.sets) give(name, part.source);
    if (part.kind === 'extra') give(`extra key ${part.key}`, part.source);
  }
  const units = ['year', 'month', 'day', 'hour', 'minute'];
  const missing = units.filter((unit) => !givenBy.has(unit));
  const last = missing.pop();
  if (parts.some((part) => part.kind === 'date') && last) {
    const list = missing.length > 0 ? `${missing.join(', ')} or ${last}` : last;
    problem(
      `the template has a date or time but no ${list}: a start time needs the year, month, day, hour and minute`,
    );
  }
}
