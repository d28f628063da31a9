import { describe, expect, it } from 'vitest';
import { parseBandwidth, parseClock, parseDays } from '../../../../main/core/settings/units.ts';

describe('settings units', () => {
  it('read bandwidth the way rclone users write it', () => {
    expect(parseBandwidth('2MB/s')).toBe(2_000_000);
    expect(parseBandwidth('256KB/s')).toBe(256_000);
    expect(parseBandwidth('1.5 MiB/s')).toBe(1_572_864);
    expect(parseBandwidth('off')).toBeNull();
    expect(parseBandwidth('fast')).toBeUndefined();
  });

  it('read day ranges, lists and wrap-around weekends', () => {
    expect(parseDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('sat,sun')).toEqual([0, 6]);
    expect(parseDays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseDays('daily')).toHaveLength(7);
    expect(parseDays('someday')).toBeUndefined();
  });

  it('read times of day, up to the end of the day', () => {
    expect(parseClock('08:00')).toBe(480);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:01')).toBeUndefined();
    expect(parseClock('8')).toBeUndefined();
  });
});
