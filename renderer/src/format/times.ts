/** How times are written: the person's own locale and time zone unless a test says otherwise. */
export interface TimeStyle {
  readonly locale?: string;
  readonly timeZone?: string;
}

/** An ISO time as a date and time a person reads, e.g. "1 Apr 2024, 15:20"; the text itself when it is not a time. */
export function formatDateTime(iso: string, style: TimeStyle = {}): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return dateTimeFormat(style).format(at);
}

/** Formatters made so far, by locale and time zone: making one costs far more than using it. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(style: TimeStyle): Intl.DateTimeFormat {
  const key = `${style.locale ?? ''}|${style.timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(style.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(style.timeZone !== undefined && { timeZone: style.timeZone }),
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * How far a time is from now, in words: "in 2 minutes", "5 seconds ago", "now" within a second.
 * The unit is the largest that fits (seconds, minutes, hours, days).
 */
export function formatRelative(iso: string, now: number, locale?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 1) return 'now';
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const size = Math.abs(seconds);
  if (size < 60) return words.format(seconds, 'second');
  if (size < 3600) return words.format(Math.round(seconds / 60), 'minute');
  if (size < 86_400) return words.format(Math.round(seconds / 3600), 'hour');
  return words.format(Math.round(seconds / 86_400), 'day');
}

/** A call's length from seconds: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '–';
  const whole = Math.round(totalSeconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
