/**
 * The largest value of one metric in Prometheus text (any labels), or null when the text has no
 * sample of it. Enough of the exposition format for the few documented metrics the supervisor
 * table reads; comments and other metrics are passed over.
 */
export function largestSample(text: string, metric: string): number | null {
  let largest: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(
      rest
        .slice(rest.lastIndexOf('}') + 1)
        .trim()
        .split(/\s+/, 1)[0],
    );
    if (Number.isFinite(value) && (largest === null || value > largest)) largest = value;
  }
  return largest;
}
