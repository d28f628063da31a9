const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size in decimal units, as the settings write bandwidth ("2MB/s" is 2 000 000 bytes):
 * "0 B", "950 B", "1.5 KB", "12 MB". Two significant decimals at most, none below 10 units.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${trimZero(value.toFixed(digits))} ${UNITS[unit]}`;
}

/** A transfer rate: "1.5 MB/s"; "idle" when nothing is moving. */
export function formatRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return 'idle';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** How much of a file has gone, as a whole percentage from 0 to 100. */
export function percentSent(sentBytes: number, sizeBytes: number): number {
  if (!(sizeBytes > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((sentBytes / sizeBytes) * 100)));
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
