/** A local time on a known weekday: 2030-01-02 is a Wednesday (day 3). */
export function wednesday(hours: number, minutes = 0, dayOffset = 0): Date {
  return new Date(2030, 0, 2 + dayOffset, hours, minutes, 0, 0);
}

export const MINUTE = 60_000;
