import { wallClockFromDigits, type WallClock } from './wall-clock.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Time zone names are matched in any case, so a caller could name endless spellings: cap the cache. */
const MAX_FORMATTERS = 256;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Tells why a time zone name cannot be used, or null when it can. */
export function timeZoneError(timeZone: string): string | null {
  if (timeZone === 'UTC') return null;
  try {
    formatterFor(timeZone);
    return null;
  } catch {
    return `the time zone '${timeZone}' is not an IANA time zone name such as Europe/Kyiv or UTC`;
  }
}

/** The wall clock in a time zone at an instant (milliseconds since the epoch). */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  // UTC, the default, from Date: the first Intl formatter reads ~7 MiB of ICU's locale data.
  if (timeZone === 'UTC') return utcWallClock(instant);
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  return {
    year: part('era') === 'BC' ? 1 - year : year,
    month: Number(part('month')),
    day: Number(part('day')),
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    second: Number(part('second')),
  };
}

/** The wall clock in UTC at an instant; an instant Date cannot hold is refused as Intl does. */
function utcWallClock(instant: number): WallClock {
  const date = new Date(Math.floor(instant / 1000) * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** The instant a wall clock would be if it were read in UTC (years below 100 included). */
function asIfUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

const DAY_MS = 86_400_000;

function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asIfUtc(wallClockAt(whole, timeZone)) - whole;
}

function sameWallClock(a: WallClock, b: WallClock): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant a wall clock names in a time zone. A time that happens twice (clocks
 * turned back) is the first one; a time skipped when clocks move forward is read as
 * if they had not moved yet, which lands that much later (as Temporal's 'compatible').
 */
export function zonedInstant(wall: WallClock, timeZone: string): number {
  const local = asIfUtc(wall);
  const before = offsetAt(local - DAY_MS, timeZone);
  const offsets = new Set([before, offsetAt(local, timeZone), offsetAt(local + DAY_MS, timeZone)]);
  const matches = [...offsets]
    .map((offset) => local - offset)
    .filter((instant) => sameWallClock(wallClockAt(instant, timeZone), wall))
    .sort((a, b) => a - b);
  return matches[0] ?? local - before;
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/** Writes an instant as ISO 8601 with the offset the time zone has then ('Z' for zero). */
export function isoInZone(instant: number, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const offset =
    offsetMinutes === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
}

/** Interprets a wall clock in a time zone and writes it as ISO 8601 with that zone's offset. */
export function zonedIsoTime(wall: WallClock, timeZone: string): string {
  return isoInZone(zonedInstant(wall, timeZone), timeZone);
}

/** Reads YYYYMMDD and HHMM or HHMMSS digits as a start time in a (valid) time zone. */
export function startTimeFromDigits(
  date: string,
  time: string,
  timeZone: string,
):
  | { readonly ok: true; readonly startTime: string }
  | { readonly ok: false; readonly wrong: 'date' | 'time'; readonly detail: string } {
  const read = wallClockFromDigits(date, time);
  return read.ok ? { ok: true, startTime: zonedIsoTime(read.wall, timeZone) } : read;
}
