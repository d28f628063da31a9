import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate, percentSent } from '../../../renderer/src/format/bytes.ts';
import {
  formatDateTime,
  formatDuration,
  formatRelative,
} from '../../../renderer/src/format/times.ts';

describe('sizes and rates in the window', () => {
  it('writes sizes in the decimal units the bandwidth settings use', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(950)).toBe('950 B');
    expect(formatBytes(1_500)).toBe('1.5 KB');
    expect(formatBytes(976_044)).toBe('976 KB');
    expect(formatBytes(2_000_000)).toBe('2 MB');
    expect(formatBytes(12_345_678)).toBe('12 MB');
    expect(formatBytes(3_400_000_000)).toBe('3.4 GB');
  });

  it('does not show 1000 KB where 1 MB is meant', () => {
    expect(formatBytes(999_999)).toBe('1 MB');
  });

  it('shows a dash rather than nonsense for a size that is not one', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });

  it('writes a rate per second, and "idle" when nothing moves', () => {
    expect(formatRate(1_500_000)).toBe('1.5 MB/s');
    expect(formatRate(0)).toBe('idle');
  });

  it('gives progress as a whole percentage that never passes 100', () => {
    expect(percentSent(0, 1000)).toBe(0);
    expect(percentSent(499, 1000)).toBe(49);
    expect(percentSent(1000, 1000)).toBe(100);
    expect(percentSent(1200, 1000)).toBe(100);
    expect(percentSent(10, 0)).toBe(0);
  });
});

describe('times in the window', () => {
  const now = Date.parse('2024-04-01T15:20:00Z');

  it('says how long until the next attempt, in the largest unit that fits', () => {
    expect(formatRelative('2024-04-01T15:20:30Z', now, 'en')).toBe('in 30 seconds');
    expect(formatRelative('2024-04-01T15:22:00Z', now, 'en')).toBe('in 2 minutes');
    expect(formatRelative('2024-04-01T18:20:00Z', now, 'en')).toBe('in 3 hours');
    expect(formatRelative('2024-04-03T15:20:00Z', now, 'en')).toBe('in 2 days');
  });

  it('says how long ago for past times, and "now" within a second', () => {
    expect(formatRelative('2024-04-01T15:15:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2024-04-01T15:20:00.300Z', now, 'en')).toBe('now');
  });

  it('writes a date and time in the given locale and time zone', () => {
    expect(
      formatDateTime('2024-04-01T15:20:00Z', { locale: 'en-GB', timeZone: 'Europe/Kyiv' }),
    ).toBe('1 Apr 2024, 18:20');
  });

  it('leaves a text that is not a time as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatRelative('soon', now)).toBe('soon');
  });

  it('writes a call length in seconds, minutes or hours', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});
