import { parseBandwidth } from '../settings/units.ts';

/** Free space below which the low-disk alarm comes on: bytes, or a share of the drive. */
export type DiskThreshold =
  | { readonly kind: 'bytes'; readonly bytes: number }
  | { readonly kind: 'percent'; readonly percent: number };

/** "2GB", "500 MiB", "5%" or "off" (null) as a threshold, or undefined when not understood. */
export function parseDiskThreshold(text: string): DiskThreshold | null | undefined {
  const trimmed = text.trim();
  if (/^off$/i.test(trimmed)) return null;
  const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  if (share) {
    const percent = Number(share[1]);
    return percent > 0 && percent < 100 ? { kind: 'percent', percent } : undefined;
  }
  // Sizes are read like rates ("2GB" is 2 000 000 000 bytes, "2GiB" 2 147 483 648).
  if (/\/s$/i.test(trimmed)) return undefined;
  const bytes = parseBandwidth(trimmed);
  return typeof bytes === 'number' && bytes > 0 ? { kind: 'bytes', bytes } : undefined;
}

/** Whether `freeBytes` of a drive of `totalBytes` is below the threshold. */
export function isBelow(threshold: DiskThreshold, freeBytes: number, totalBytes: number): boolean {
  if (threshold.kind === 'bytes') return freeBytes < threshold.bytes;
  return totalBytes > 0 && (freeBytes / totalBytes) * 100 < threshold.percent;
}

/** The threshold in words: "2 GB", "5%". */
export function thresholdWords(threshold: DiskThreshold): string {
  return threshold.kind === 'bytes' ? sizeWords(threshold.bytes) : `${threshold.percent}%`;
}

/** A size for people: "1.5 GB", "800 MB", "12 KB" (decimal units, as drives are sold). */
export function sizeWords(bytes: number): string {
  for (const [unit, size] of [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['KB', 1e3],
  ] as const) {
    if (bytes >= size) return `${round(bytes / size)} ${unit}`;
  }
  return `${Math.max(0, Math.round(bytes))} bytes`;
}

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
