/** Bandwidth like "2MB/s", "256KB/s", "1.5 MiB/s" or "off", in bytes per second (null = unlimited). */
export function parseBandwidth(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (/^(off|unlimited|0)$/i.test(trimmed)) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]i?)?B(?:\/s)?$/i.exec(trimmed);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toUpperCase();
  const base = unit.endsWith('I') ? 1024 : 1000;
  const power = { '': 0, K: 1, M: 2, G: 3 }[unit.charAt(0)] ?? 0;
  return Math.round(Number(match[1]) * base ** power);
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Days like "mon-fri", "sat,sun", "daily" as day numbers (0 = Sunday), or undefined when not understood. */
export function parseDays(text: string): readonly number[] | undefined {
  const spec = text.trim().toLowerCase();
  if (spec === 'daily' || spec === 'every day' || spec === '*') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to] = part
      .trim()
      .split('-')
      .map((d) => DAY_NAMES.indexOf(d.slice(0, 3) as never));
    if (from === undefined || from < 0 || (to !== undefined && to < 0)) return undefined;
    if (to === undefined) {
      days.add(from);
      continue;
    }
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort();
}

/** "HH:MM" as minutes after midnight, or undefined. "24:00" is the end of the day. */
export function parseClock(text: string): number | undefined {
  const match = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}
