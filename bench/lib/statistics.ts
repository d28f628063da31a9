/** The p-th percentile (0–100) of some values, by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Rounds for a table: three significant digits, at most two decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return Number(value.toFixed(digits));
}

/** MiB per second from bytes and milliseconds. */
export function mibPerSecond(bytes: number, ms: number): number {
  return bytes / (1024 * 1024) / (ms / 1000);
}

/** The quickest of some timed rounds (a shared machine is noisy: each side keeps its best). */
export function quickest<T extends { readonly ms: number }>(rounds: readonly T[]): T {
  const [first, ...others] = rounds;
  if (first === undefined) throw new Error('no round ran');
  return others.reduce((a, b) => (b.ms < a.ms ? b : a), first);
}
