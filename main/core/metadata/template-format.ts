import type { CallMetadata } from './call-metadata.ts';
import type { NameParseOptions } from './name-parse.ts';
import { DATE_PIECE_WIDTH, isVariable, readTemplate, type DatePiece } from './template-syntax.ts';
import type { WallClock } from './wall-clock.ts';
import { timeZoneError, wallClockAt } from './zoned-time.ts';

/** A name written from a template, or why the metadata cannot fill it. */
export type FormatResult =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

function pieceText(piece: DatePiece, wall: WallClock): string {
  const value = {
    YYYY: wall.year,
    YY: wall.year % 100,
    MM: wall.month,
    DD: wall.day,
    HH: wall.hour,
    mm: wall.minute,
    ss: wall.second,
  }[piece];
  return String(value).padStart(DATE_PIECE_WIDTH[piece], '0');
}

/** An extra value as text; only the metadata's own keys count ("constructor" is not one). */
function extraText(metadata: CallMetadata, key: string): string | undefined {
  const { extra } = metadata;
  return extra && Object.hasOwn(extra, key) ? extra[key]?.toString() : undefined;
}

/**
 * Writes metadata into a template, giving the base name without extension, with the
 * start time as wall-clock time in the time zone. Fails when the metadata lacks a
 * field the template needs, or a value would run into the separator after it.
 */
export function formatTemplate(
  template: string,
  metadata: CallMetadata,
  options: NameParseOptions = {},
): FormatResult {
  const read = readTemplate(template);
  if (!read.ok) return { ok: false, reason: `the template is not valid: ${read.error}` };
  const timeZone = options.timeZone ?? 'UTC';
  const { parts } = read;
  let wall: WallClock | undefined;
  if (parts.some((part) => part.kind === 'date')) {
    const badZone = timeZoneError(timeZone);
    if (badZone) return { ok: false, reason: badZone };
    const instant = metadata.startTime === undefined ? NaN : Date.parse(metadata.startTime);
    if (Number.isNaN(instant))
      return { ok: false, reason: 'the metadata has no start time for the date' };
    wall = wallClockAt(instant, timeZone);
    if (wall.year < 0 || wall.year > 9999) {
      return { ok: false, reason: `the year ${wall.year} does not fit in four digits` };
    }
  }
  let name = '';
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'literal') name += part.text;
    else if (part.kind === 'date' && wall) name += pieceText(part.piece, wall);
    else if (isVariable(part)) {
      const text =
        part.kind === 'ignore'
          ? ''
          : part.kind === 'extra'
            ? extraText(metadata, part.key)
            : part.field.write(metadata);
      if (text === undefined || (text === '' && part.kind !== 'ignore')) {
        return { ok: false, reason: `the metadata has no value for ${part.source}` };
      }
      const next = parts[index + 1];
      // Read back, the value ends where the separator first appears: it may not start inside it.
      if (next?.kind === 'literal' && `${text}${next.text}`.indexOf(next.text) < text.length) {
        const clash = text.includes(next.text) ? 'contains' : 'ends with the start of';
        return {
          ok: false,
          reason: `${part.source} is '${text}', which ${clash} '${next.text}', the separator that follows it`,
        };
      }
      name += text;
    }
  }
  return { ok: true, name };
}
