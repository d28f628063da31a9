import type { Settings } from '../settings/schema.ts';
import { parseBandwidth, parseClock, parseDays } from '../settings/units.ts';

/** What the upload timetable allows at one moment. */
export interface UploadAllowance {
  /** Bytes per second, or null for unlimited. */
  readonly bytesPerSecond: number | null;
  /** True when the timetable says to send nothing now. */
  readonly paused: boolean;
}

type UploadSettings = Settings['upload'];

/**
 * The rate limit in force at `now` (local time), like rclone's `--bwlimit "08:00,256KB/s 18:00,off"`:
 * the first schedule window that holds `now` wins; outside every window, `bandwidthLimit` applies.
 * A window whose end is before its start runs past midnight into the next day.
 */
export function allowanceAt(upload: UploadSettings, now: Date): UploadAllowance {
  const fallback = { bytesPerSecond: rate(upload.bandwidthLimit), paused: false };
  const minute = now.getHours() * 60 + now.getMinutes();
  const today = now.getDay();
  const yesterday = (today + 6) % 7;
  for (const window of upload.schedule) {
    const days = parseDays(window.days) ?? [];
    const from = parseClock(window.from) ?? 0;
    const to = parseClock(window.to) ?? 0;
    const inside =
      from < to
        ? days.includes(today) && minute >= from && minute < to
        : (days.includes(today) && minute >= from) || (days.includes(yesterday) && minute < to);
    if (inside) {
      return {
        bytesPerSecond:
          window.bandwidthLimit === undefined
            ? fallback.bytesPerSecond
            : rate(window.bandwidthLimit),
        paused: window.paused,
      };
    }
  }
  return fallback;
}

/** Milliseconds until the next minute boundary, when the timetable may change. */
export function msUntilNextMinute(now: Date): number {
  return 60_000 - (now.getSeconds() * 1000 + now.getMilliseconds());
}

function rate(text: string | undefined): number | null {
  return text === undefined ? null : (parseBandwidth(text) ?? null);
}

/** When the timetable next changes what it allows, and to what. */
export interface AllowanceChange extends UploadAllowance {
  readonly at: Date;
}

/**
 * The next moment within a week after `now` at which the allowance differs from now's,
 * or null when the timetable never changes it (no schedule, or windows that change nothing).
 */
export function nextAllowanceChange(upload: UploadSettings, now: Date): AllowanceChange | null {
  if (upload.schedule.length === 0) return null;
  const current = allowanceAt(upload, now);
  const candidates: Date[] = [];
  for (let day = 0; day <= 7; day += 1) {
    for (const window of upload.schedule) {
      for (const clock of [window.from, window.to]) {
        const minutes = parseClock(clock) ?? 0;
        const at = new Date(now);
        at.setDate(now.getDate() + day);
        at.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
        if (at > now) candidates.push(at);
      }
    }
  }
  candidates.sort((a, b) => a.getTime() - b.getTime());
  for (const at of candidates) {
    const next = allowanceAt(upload, at);
    if (next.bytesPerSecond !== current.bytesPerSecond || next.paused !== current.paused) {
      return { at, ...next };
    }
  }
  return null;
}
