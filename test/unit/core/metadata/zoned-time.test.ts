import { describe, expect, it } from 'vitest';
import {
  dateProblem,
  timeProblem,
  type WallClock,
} from '../../../../main/core/metadata/wall-clock.ts';
import {
  timeZoneError,
  wallClockAt,
  zonedIsoTime,
} from '../../../../main/core/metadata/zoned-time.ts';

const wall = (iso: string): WallClock => {
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return {
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  };
};

describe('a name’s wall-clock time read in the folder’s time zone', () => {
  it('UTC gives Z', () => {
    expect(zonedIsoTime(wall('2024-04-01T15:20:00'), 'UTC')).toBe('2024-04-01T15:20:00Z');
  });

  it('Kyiv in summer is +03:00 and in winter +02:00', () => {
    expect(zonedIsoTime(wall('2024-04-01T15:20:00'), 'Europe/Kyiv')).toBe(
      '2024-04-01T15:20:00+03:00',
    );
    expect(zonedIsoTime(wall('2024-01-15T09:00:00'), 'Europe/Kyiv')).toBe(
      '2024-01-15T09:00:00+02:00',
    );
  });

  it('zones west of Greenwich and with half hours keep their offset', () => {
    expect(zonedIsoTime(wall('2024-07-04T12:00:00'), 'America/New_York')).toBe(
      '2024-07-04T12:00:00-04:00',
    );
    expect(zonedIsoTime(wall('2024-07-04T12:00:00'), 'Asia/Kolkata')).toBe(
      '2024-07-04T12:00:00+05:30',
    );
  });

  it('a time that happens twice when clocks go back is the first of the two', () => {
    expect(zonedIsoTime(wall('2024-10-27T03:30:00'), 'Europe/Kyiv')).toBe(
      '2024-10-27T03:30:00+03:00',
    );
    expect(zonedIsoTime(wall('2024-11-03T01:30:00'), 'America/New_York')).toBe(
      '2024-11-03T01:30:00-04:00',
    );
  });

  it('a time skipped when clocks go forward is read as if they had not moved yet', () => {
    expect(zonedIsoTime(wall('2024-03-31T03:30:00'), 'Europe/Kyiv')).toBe(
      '2024-03-31T04:30:00+03:00',
    );
    expect(zonedIsoTime(wall('2024-03-10T02:30:00'), 'America/New_York')).toBe(
      '2024-03-10T03:30:00-04:00',
    );
  });

  it('the wall clock at an instant is what a clock in that zone shows', () => {
    expect(wallClockAt(Date.parse('2024-04-01T12:20:00Z'), 'Europe/Kyiv')).toEqual(
      wall('2024-04-01T15:20:00'),
    );
  });

  it('the wall clock in UTC (read from Date, not Intl) is what Intl shows, in every era', () => {
    const instants = [
      0,
      -500,
      Date.parse('2024-02-29T23:59:59.999Z'),
      Date.parse('0001-01-01T00:00:00Z'),
      Date.parse('0000-06-15T12:00:00Z'),
      -62_198_755_200_000 - 86_400_000 * 400,
      8.64e15,
      -8.64e15,
    ];
    for (const instant of instants) {
      // 'Etc/UTC' is read through Intl, as every zone but 'UTC' itself is.
      expect(wallClockAt(instant, 'UTC')).toEqual(wallClockAt(instant, 'Etc/UTC'));
    }
    // Year 0 is 1 BC.
    expect(wallClockAt(Date.parse('0000-06-15T12:00:00Z'), 'UTC')).toEqual({
      year: 0,
      month: 6,
      day: 15,
      hour: 12,
      minute: 0,
      second: 0,
    });
    expect(() => wallClockAt(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => wallClockAt(8.64e15 + 1000, 'UTC')).toThrow(RangeError);
    expect(timeZoneError('UTC')).toBeNull();
  });

  it('an unknown time zone name is explained, a known one is fine', () => {
    expect(timeZoneError('Europe/Kyiv')).toBeNull();
    expect(timeZoneError('Nowhere/Town')).toBe(
      "the time zone 'Nowhere/Town' is not an IANA time zone name such as Europe/Kyiv or UTC",
    );
  });
});

describe('dates and times that do not exist', () => {
  it('are explained in words', () => {
    expect(dateProblem(2024, 13, 1)).toBe('there is no month 13');
    expect(dateProblem(2023, 2, 29)).toBe('February 2023 has 28 days, not 29');
    expect(dateProblem(2024, 4, 0)).toBe('there is no day 0');
    expect(timeProblem(25, 0, 0)).toBe('there is no hour 25');
    expect(timeProblem(12, 0, 60)).toBe('there is no second 60');
  });

  it('leap days exist only in leap years', () => {
    expect(dateProblem(2024, 2, 29)).toBeNull();
    expect(dateProblem(2000, 2, 29)).toBeNull();
    expect(dateProblem(1900, 2, 29)).toBe('February 1900 has 28 days, not 29');
  });
});
