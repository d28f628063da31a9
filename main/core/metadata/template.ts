import type { CallMetadata } from './call-metadata.ts';
import { splitExtension } from './file-name.ts';
import { mergeMetadata } from './merge-metadata.ts';
import { mismatch, readingName, type NameParser } from './name-parse.ts';
import {
  DATE_PIECE_WIDTH,
  PIECE_UNIT,
  readTemplate,
  type DatePiece,
  type TemplatePart,
} from './template-syntax.ts';
import { firstMismatch, matchParts } from './template-match.ts';
import { dateProblem, timeProblem, type WallClock } from './wall-clock.ts';
import { timeZoneError, zonedIsoTime } from './zoned-time.ts';

/** A template ready to read names with. */
export interface CompiledTemplate {
  readonly template: string;
  /** Reads call metadata from a base name (with extension) by the template. */
  readonly parse: NameParser;
}

/** Validates a template, returning a plain-sentence error or null. */
export function templateError(template: string): string | null {
  const read = readTemplate(template);
  return read.ok ? null : read.error;
}

/** What the name should have had where it stopped following the template. */
function expected(part: TemplatePart): string {
  if (part.kind === 'literal') return `'${part.text}'`;
  if (part.kind === 'date') {
    return `${DATE_PIECE_WIDTH[part.piece]} digits for ${part.piece} of ${part.source}`;
  }
  return part.source;
}

/** Says where a name that does not match stops following the template. */
function whereItStops(parts: readonly TemplatePart[], stem: string): string {
  const stop = firstMismatch(parts, stem);
  if (stop) {
    const part = parts[stop.index];
    const place = stop.matched ? `after '${stop.matched}'` : 'at the start';
    return `the name should have ${part ? expected(part) : 'something else'} ${place}`;
  }
  const whole = stem.slice(0, matchParts(parts, stem, parts.length, false)?.at(-1) ?? 0);
  return `the name goes on after '${whole}', where the template ends`;
}

/** Two-digit years are read as 2000–2099. */
function pieceValue(piece: DatePiece, text: string): number {
  return piece === 'YY' ? 2000 + Number(text) : Number(text);
}

function startTime(clock: Partial<Record<keyof WallClock, number>>, timeZone: string): string {
  const wall: WallClock = {
    year: clock.year ?? 0,
    month: clock.month ?? 0,
    day: clock.day ?? 0,
    hour: clock.hour ?? 0,
    minute: clock.minute ?? 0,
    second: clock.second ?? 0,
  };
  const badDate = dateProblem(wall.year, wall.month, wall.day);
  if (badDate) mismatch(`the date in the name is not a real date: ${badDate}`);
  const badTime = timeProblem(wall.hour, wall.minute, wall.second);
  if (badTime) mismatch(`the time in the name is not a real time: ${badTime}`);
  return zonedIsoTime(wall, timeZone);
}

/** Compiles a template such as `{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}` into a name parser. */
export function compileTemplate(
  template: string,
):
  | { readonly ok: true; readonly compiled: CompiledTemplate }
  | { readonly ok: false; readonly reason: string } {
  const read = readTemplate(template);
  if (!read.ok) return { ok: false, reason: read.error };
  const { parts } = read;
  const hasDate = parts.some((part) => part.kind === 'date');
  const parse: NameParser = (baseName, options = {}) =>
    readingName(() => {
      const timeZone = options.timeZone ?? 'UTC';
      const badZone = hasDate ? timeZoneError(timeZone) : null;
      if (badZone) mismatch(badZone);
      const { stem } = splitExtension(baseName);
      const ends =
        matchParts(parts, stem, parts.length, true) ?? mismatch(whereItStops(parts, stem));
      let metadata: CallMetadata = {};
      const clock: Partial<Record<keyof WallClock, number>> = {};
      for (const [index, part] of parts.entries()) {
        if (part.kind === 'literal') continue;
        const text = stem.slice(index === 0 ? 0 : (ends[index - 1] ?? 0), ends[index] ?? 0);
        if (part.kind === 'date') {
          clock[PIECE_UNIT[part.piece]] = pieceValue(part.piece, text);
        } else if (part.kind === 'extra') {
          metadata = mergeMetadata(metadata, { extra: { [part.key]: text } });
        } else if (part.kind === 'field') {
          const reading = part.field.read(text);
          if ('reason' in reading) mismatch(`in ${part.source}, ${reading.reason}`);
          metadata = mergeMetadata(metadata, reading.metadata);
        }
      }
      return hasDate ? { startTime: startTime(clock, timeZone), ...metadata } : metadata;
    });
  return { ok: true, compiled: { template, parse } };
}
