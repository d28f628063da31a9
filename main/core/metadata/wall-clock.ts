/** A date and time as written in a name, before a time zone gives it an instant. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Tells why a calendar date does not exist ("there is no month 13"), or null when it does. */
export function dateProblem(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return day < 1
      ? `there is no day ${day}`
      : `${MONTH_NAMES[month - 1]} ${year} has ${days} days, not ${day}`;
  }
  return null;
}

/** Tells why a time of day does not exist ("there is no hour 25"), or null when it does. */
export function timeProblem(hour: number, minute: number, second: number): string | null {
  if (hour > 23) return `there is no hour ${hour}`;
  if (minute > 59) return `there is no minute ${minute}`;
  if (second > 59) return `there is no second ${second}`;
  return null;
}

/** Reads a wall clock from YYYYMMDD and HHMM or HHMMSS digits, or says which half is not real. */
export function wallClockFromDigits(
  date: string,
  time: string,
):
  | { readonly ok: true; readonly wall: WallClock }
  | { readonly ok: false; readonly wrong: 'date' | 'time'; readonly detail: string } {
  const digits = (text: string, from: number): number => Number(text.slice(from, from + 2) || '0');
  const wall: WallClock = {
    year: Number(date.slice(0, 4)),
    month: digits(date, 4),
    day: digits(date, 6),
    hour: digits(time, 0),
    minute: digits(time, 2),
    second: digits(time, 4),
  };
  const badDate = dateProblem(wall.year, wall.month, wall.day);
  if (badDate) return { ok: false, wrong: 'date', detail: badDate };
  const badTime = timeProblem(wall.hour, wall.minute, wall.second);
  if (badTime) return { ok: false, wrong: 'time', detail: badTime };
  return { ok: true, wall };
}
