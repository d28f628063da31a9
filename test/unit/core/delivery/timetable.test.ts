import { describe, expect, it } from 'vitest';
import { allowanceAt, nextAllowanceChange } from '../../../../main/core/delivery/timetable.ts';
import { validateSettings } from '../../../../main/core/settings/load-settings.ts';

function uploadSettings(upload: Record<string, unknown>) {
  const result = validateSettings({ upload });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings.upload;
}

/** A local date: 2024-04-01 is a Monday. */
const at = (day: number, hour: number, minute = 0) => new Date(2024, 3, day, hour, minute);

describe('the upload timetable', () => {
  const upload = uploadSettings({
    bandwidthLimit: '2MB/s',
    schedule: [
      { days: 'mon-fri', from: '08:00', to: '18:00', bandwidthLimit: '256KB/s' },
      { days: 'sat', from: '22:00', to: '06:00', paused: true },
    ],
  });

  it('limits uploads to the window’s rate during office hours on weekdays', () => {
    expect(allowanceAt(upload, at(1, 9))).toEqual({ bytesPerSecond: 256_000, paused: false });
    expect(allowanceAt(upload, at(5, 17, 59))).toEqual({ bytesPerSecond: 256_000, paused: false });
  });

  it('uses the general limit outside every window', () => {
    expect(allowanceAt(upload, at(1, 18))).toEqual({ bytesPerSecond: 2_000_000, paused: false });
    expect(allowanceAt(upload, at(7, 9))).toEqual({ bytesPerSecond: 2_000_000, paused: false });
  });

  it('runs a window that ends before it starts past midnight', () => {
    expect(allowanceAt(upload, at(6, 23)).paused).toBe(true);
    expect(allowanceAt(upload, at(7, 5, 59)).paused).toBe(true);
    expect(allowanceAt(upload, at(7, 6)).paused).toBe(false);
    expect(allowanceAt(upload, at(5, 23)).paused).toBe(false);
  });

  it('is unlimited when nothing is set', () => {
    expect(allowanceAt(uploadSettings({}), at(1, 9))).toEqual({
      bytesPerSecond: null,
      paused: false,
    });
  });
});

describe('the next change of the timetable', () => {
  const office = uploadSettings({
    bandwidthLimit: '2MB/s',
    schedule: [{ days: 'mon-fri', from: '08:00', to: '18:00', bandwidthLimit: '256KB/s' }],
  });

  it('is the start of the next window that changes the limit, with what it allows', () => {
    // Saturday noon: the next change is Monday 08:00.
    expect(nextAllowanceChange(office, at(6, 12))).toEqual({
      at: at(8, 8),
      bytesPerSecond: 256_000,
      paused: false,
    });
    // Monday 09:00: the window ends at 18:00, back to the default limit.
    expect(nextAllowanceChange(office, at(8, 9))).toEqual({
      at: at(8, 18),
      bytesPerSecond: 2_000_000,
      paused: false,
    });
  });

  it('is null without a schedule', () => {
    expect(nextAllowanceChange(uploadSettings({}), at(6, 12))).toBeNull();
  });
});
