import { parseClock, parseDays } from '../settings/units.ts';

/** Business hours as the settings give them: days ("mon-fri") and a local-time window ("09:00"–"18:00"). */
export interface BusinessHours {
  readonly days: string;
  readonly from: string;
  readonly to: string;
}

/**
 * When the business-hours window that holds `now` (local time) began, or null outside business
 * hours. As in the upload timetable, a window whose end is before its start runs past midnight
 * into the next day (it belongs to the day it starts on); "00:00"–"24:00" is the whole day.
 */
export function businessWindowStart(hours: BusinessHours, now: Date): Date | null {
  const days = parseDays(hours.days) ?? [];
  const from = parseClock(hours.from) ?? 0;
  const to = parseClock(hours.to) ?? 0;
  const minute = now.getHours() * 60 + now.getMinutes();
  const today = now.getDay();
  const yesterday = (today + 6) % 7;
  if (from < to) {
    return days.includes(today) && minute >= from && minute < to ? at(now, 0, from) : null;
  }
  if (days.includes(today) && minute >= from) return at(now, 0, from);
  if (days.includes(yesterday) && minute < to) return at(now, -1, from);
  return null;
}

/** Local midnight `dayOffset` days from `now`'s day, plus `minutes`. */
function at(now: Date, dayOffset: number, minutes: number): Date {
  const date = new Date(now);
  date.setDate(now.getDate() + dayOffset);
  date.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  return date;
}
